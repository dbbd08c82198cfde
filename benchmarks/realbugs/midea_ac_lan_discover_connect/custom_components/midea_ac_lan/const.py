DOMAIN = "midea_ac_lan"
CONF_KEY = "key"
CONF_MODEL = "model"
