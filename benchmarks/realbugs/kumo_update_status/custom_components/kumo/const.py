from datetime import timedelta

DOMAIN = "kumo"
KUMO_DATA = "data"
KUMO_DATA_COORDINATORS = "coordinators"
SCAN_INTERVAL = timedelta(seconds=60)
