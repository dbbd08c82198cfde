DOMAIN = "yarbo"
CONF_BROKER_HOST = "broker_host"
CONF_BROKER_PORT = "broker_port"
DATA_CLIENT = "client"
PLATFORMS = ["sensor"]
