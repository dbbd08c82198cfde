CONF_CLIENT = "client"
CONF_UPDATE_INTERVAL = "update_interval"
CONF_PLATFORM = "sensor"
DOMAIN = "fuelprices_dk"
