DOMAIN = "polestar_api"
CONF_USERNAME = "username"
CONF_PASSWORD = "password"
