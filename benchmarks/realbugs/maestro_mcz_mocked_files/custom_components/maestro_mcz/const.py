DOMAIN = "maestro_mcz"
