"""X-Sense smoke alarm integration (reproduction, see api/mqtt_helper.py)."""
DOMAIN = "xsense"
