import logging

DOMAIN = "mill"
LOGGER = logging.getLogger(__package__)
