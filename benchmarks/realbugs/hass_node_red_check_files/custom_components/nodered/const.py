DOMAIN = "nodered"
DOMAIN_DATA = f"{DOMAIN}_data"
VERSION = "0.2.1"
CONF_TYPE = "type"
CONF_VERSION = "version"
REQUIRED_FILES = [
    ".translations/en.json",
    "binary_sensor.py",
    "config_flow.py",
    "const.py",
    "discovery.py",
    "manifest.json",
    "sensor.py",
    "switch.py",
    "websocket.py",
]
