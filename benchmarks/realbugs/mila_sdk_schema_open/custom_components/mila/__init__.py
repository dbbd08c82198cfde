"""Set-up of a Home Assistant integration for air purifiers (reproduction, see ../../milasdk/api.py)."""
from homeassistant.config_entries import ConfigEntry
from homeassistant.core import HomeAssistant

from .const import DOMAIN
from .update_coordinator import MilaUpdateCoordinator


async def async_setup_entry(hass: HomeAssistant, entry: ConfigEntry):
    hass.data.setdefault(DOMAIN, {})
    coordinator = MilaUpdateCoordinator(hass, entry)  # bug
    hass.data[DOMAIN][entry.entry_id] = coordinator
    if not await coordinator.async_setup():
        return False
    return True
