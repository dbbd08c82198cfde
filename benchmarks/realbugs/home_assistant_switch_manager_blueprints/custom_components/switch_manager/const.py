import logging

LOGGER = logging.getLogger(__package__)
DOMAIN = "switch_manager"
BLUEPRINTS_FOLDER = "blueprints"
CONF_BLUEPRINTS = "blueprints"
CONF_STORE = "store"
