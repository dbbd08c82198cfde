DOMAIN = "asterisk"
