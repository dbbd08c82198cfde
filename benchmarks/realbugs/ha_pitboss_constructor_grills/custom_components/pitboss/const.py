import logging

DOMAIN = "pitboss"
LOGGER = logging.getLogger(__package__)
MANUFACTURER = "Pit Boss"
PROTOCOL_WSS = "wss"
DEFAULT_PROTOCOL = PROTOCOL_WSS
