"""Home Assistant integration for a tank level sensor (reproduction, see api.py)."""
