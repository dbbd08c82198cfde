"""Constants of the car integration (reproduction, see __init__.py)."""
import logging

DOMAIN = "mbapi2020"
LOGGER = logging.getLogger(__package__)
CONF_DEBUG_FILE_SAVE = "debug_save"
DEFAULT_CACHE_PATH = "custom_components/mbapi2020/messages"
API_BASE = "https://bff.emea-prod.mobilesdk.mercedes-benz.com"
