"""The BLE Battery Management System integration."""

from homeassistant.config_entries import ConfigEntry
from homeassistant.core import HomeAssistant
from homeassistant.helpers.importlib import async_import_module

from .const import DOMAIN


async def async_setup_entry(hass: HomeAssistant, entry: ConfigEntry) -> bool:
    """Set up BT Battery Management System from a config entry."""
    plugin = await async_import_module(hass, entry.data["type"])
    hass.data.setdefault(DOMAIN, {})[entry.entry_id] = plugin
    return True
