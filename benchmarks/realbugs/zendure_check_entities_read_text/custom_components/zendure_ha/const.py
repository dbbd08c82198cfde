DOMAIN = "zendure_ha"
