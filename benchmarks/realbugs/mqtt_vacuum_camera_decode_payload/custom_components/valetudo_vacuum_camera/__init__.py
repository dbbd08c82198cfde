"""Valetudo Vacuum Camera integration (reproduction, see valetudo/MQTT/connector.py)."""
