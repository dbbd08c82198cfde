DOMAIN = "powercalc"
API_URL = "https://api.powercalc.nl"
