"""Node-RED companion integration.

Reproduction of the shape fixed in https://github.com/zachowj/hass-node-red/issues/14 (commit
43907c3a3bd1e1ff3697008822658a3d24c13f84, "Fix I/O in event loop"): async_setup_entry awaits
check_files(hass), a coroutine of the same module that checks each required file of the integration
with os.path.exists on the event loop. The fix made check_files a plain function run with
hass.async_add_executor_job; its os.path.exists line is marked.
"""
import logging
import os

from .const import CONF_TYPE, CONF_VERSION, DOMAIN, DOMAIN_DATA, REQUIRED_FILES, VERSION

_LOGGER = logging.getLogger(__name__)


async def async_setup(hass, config):
    """Configuration through YAML is not supported."""
    return True


async def async_setup_entry(hass, config_entry):
    """Set up this integration using UI."""
    file_check = await check_files(hass)
    if not file_check:
        return False
    hass.data[DOMAIN_DATA] = {}
    hass.bus.async_fire(DOMAIN, {CONF_TYPE: "loaded", CONF_VERSION: VERSION})
    return True


async def check_files(hass):
    """Return bool that indicates if all files are present."""
    base = f"{hass.config.path()}/custom_components/{DOMAIN}/"
    missing = []
    for file in REQUIRED_FILES:
        fullpath = "{}{}".format(base, file)
        if not os.path.exists(fullpath):  # bug
            missing.append(file)
    if missing:
        _LOGGER.critical(f"The following files are missing: {str(missing)}")
        return False
    return True
