"""Constants of a soundbar integration (reproduction, see coordinator.py)."""
DOMAIN = "jbl_integration"
