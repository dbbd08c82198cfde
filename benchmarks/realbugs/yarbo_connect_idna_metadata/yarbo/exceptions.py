class YarboConnectionError(Exception):
    """The robot's MQTT broker cannot be reached."""
