"""Xiaomi Gateway 3 integration.

Reproduction of the shape fixed in https://github.com/AlexxIT/XiaomiGateway3/issues/1422 (commit
04fbd12dc7c1239fa06e61f601507371d6336b4e, "Fix blocking call from logs on new HA #1422"): the
coroutine async_setup calls logger.init(...) -- `logger` is the integration's own module
core/logger.py, imported as `from .core import logger` -- which builds a RotatingFileHandler for the
configured file, opening it on the event loop (Home Assistant reports "Detected blocking call to open
with args ('/config/xiaomi_gateway3.log', 'a')"). The fix ran logger.init with
hass.async_add_executor_job; the call line is marked.
"""

import logging

import voluptuous as vol
from homeassistant.config_entries import ConfigEntry
from homeassistant.core import HomeAssistant

from .core import logger
from .core.const import DOMAIN

_LOGGER = logging.getLogger(__name__)

PLATFORMS = ["binary_sensor", "sensor", "switch"]

CONFIG_SCHEMA = vol.Schema(
    {DOMAIN: vol.Schema({vol.Optional("logger"): logger.CONFIG_SCHEMA}, extra=vol.ALLOW_EXTRA)},
    extra=vol.ALLOW_EXTRA,
)


async def async_setup(hass: HomeAssistant, config: dict) -> bool:
    """YAML part of the set-up: only the optional debug log file."""
    own = config.get(DOMAIN) or {}
    log_options = own.get("logger")
    if log_options:
        logger.init(__name__, log_options, hass.config.config_dir)  # bug
    hass.data.setdefault(DOMAIN, {})
    return True


async def async_setup_entry(hass: HomeAssistant, entry: ConfigEntry) -> bool:
    await hass.config_entries.async_forward_entry_setups(entry, PLATFORMS)
    return True
