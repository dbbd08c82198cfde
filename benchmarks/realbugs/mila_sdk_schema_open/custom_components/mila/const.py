"""Constants of the air purifier integration (reproduction, see ../../milasdk/api.py)."""
DOMAIN = "mila"
DEFAULT_SCAN_INTERVAL = 60
