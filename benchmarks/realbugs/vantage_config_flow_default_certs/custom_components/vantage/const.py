DOMAIN = "vantage"
