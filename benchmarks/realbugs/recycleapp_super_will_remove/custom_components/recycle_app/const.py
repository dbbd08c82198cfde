"""Constants of the waste collection integration (reproduction, see calendar.py)."""
DOMAIN = "recycle_app"
