"""Constants of the room climate integration (reproduction, see __init__.py)."""
DOMAIN = "roommind"
PLATFORMS = ["climate", "sensor"]
VERSION = "0.4.0"
