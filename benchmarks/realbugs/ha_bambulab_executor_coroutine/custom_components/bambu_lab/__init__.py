"""Bambu Lab integration (reproduction, see frontend/__init__.py)."""
from homeassistant.config_entries import ConfigEntry
from homeassistant.core import HomeAssistant

from .frontend import BambuLabCardRegistration


async def async_setup_entry(hass: HomeAssistant, entry: ConfigEntry) -> bool:
    cards = BambuLabCardRegistration(hass)
    await cards.async_register()
    return True
