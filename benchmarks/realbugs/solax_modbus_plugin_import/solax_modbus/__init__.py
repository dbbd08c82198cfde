"""SolaX-style integration setup: the inverter plugin is imported by name while setting up."""

import importlib
import logging

from homeassistant.config_entries import ConfigEntry
from homeassistant.core import HomeAssistant

from .const import CONF_PLUGIN, DEFAULT_PLUGIN, DOMAIN

_LOGGER = logging.getLogger(__name__)


async def async_setup_entry(hass: HomeAssistant, entry: ConfigEntry):
    plugin_name = entry.options.get(CONF_PLUGIN, DEFAULT_PLUGIN)
    _LOGGER.info("loading plugin %s", plugin_name)
    plugin = importlib.import_module(f".plugin_{plugin_name}", "custom_components.solax_modbus")  # bug
    if not plugin:
        _LOGGER.error("no plugin named %s", plugin_name)
        return False
    hass.data.setdefault(DOMAIN, {})[entry.entry_id] = plugin.PLUGIN_INSTANCE
    await hass.config_entries.async_forward_entry_setups(entry, ["sensor"])
    return True
