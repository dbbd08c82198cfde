DOMAIN = "solax_modbus"
CONF_PLUGIN = "plugin"
DEFAULT_PORT = 502
