"""Constants of the OpenMotics integration (reproduction, see coordinator.py)."""
from datetime import timedelta

DOMAIN = "openmotics"
PLATFORMS = ["switch", "light", "cover", "sensor", "climate"]
DEFAULT_SCAN_INTERVAL = timedelta(seconds=30)
CONF_INSTALLATION_ID = "installation_id"
