"""Set-up of a Home Assistant integration for a parcel tracking app (reproduction, see services.py)."""
from homeassistant.config_entries import ConfigEntry
from homeassistant.core import HomeAssistant

from .services import async_register_services


async def async_setup_entry(hass: HomeAssistant, entry: ConfigEntry) -> bool:
    await async_register_services(hass)
    return True
