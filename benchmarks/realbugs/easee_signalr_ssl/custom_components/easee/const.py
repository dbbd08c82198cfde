"""Constants of the EV charger integration (reproduction, see controller.py)."""
DOMAIN = "easee"
VERSION = "0.9.64"
TIMEOUT = 30
CONF_MONITORED_SITES = "monitored_sites"
