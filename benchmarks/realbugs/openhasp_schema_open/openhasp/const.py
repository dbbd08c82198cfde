DOMAIN = "openhasp"
CONF_COMPONENT = "component"
CONF_PLATE = "plate"
