"""Setup of the Zendure Home Assistant integration (reproduction, see entity.py)."""
from homeassistant.config_entries import ConfigEntry
from homeassistant.core import HomeAssistant

from .manager import ZendureManager

PLATFORMS = ["sensor", "number", "select", "button"]


async def async_setup_entry(hass: HomeAssistant, entry: ConfigEntry) -> bool:
    await hass.config_entries.async_forward_entry_setups(entry, PLATFORMS)
    manager = ZendureManager(hass, entry)  # also
    await manager.loadDevices()
    entry.runtime_data = manager
    await manager.async_config_entry_first_refresh()
    return True
