"""Spoolman integration (reproduction, see sensor.py)."""
