"""Constants of the Sonoff integration (reproduction, see xutils.py)."""
DOMAIN = "sonoff"
PRIVATE_KEYS = ("username", "password", "devicekey")
