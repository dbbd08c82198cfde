"""Custom Component Monitor integration (reproduction, see sensor.py)."""
