DOMAIN = "solax_modbus"
CONF_PLUGIN = "plugin"
DEFAULT_PLUGIN = "solax"
