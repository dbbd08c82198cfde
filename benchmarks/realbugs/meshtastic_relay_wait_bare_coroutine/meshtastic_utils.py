"""The Meshtastic side of the relay; main.py sets the flags below."""
meshtastic_client = None
shutting_down = False
