"""Set-up of a Home Assistant integration for Sensi thermostats (reproduction, see coordinator.py)."""
from homeassistant.config_entries import ConfigEntry
from homeassistant.core import HomeAssistant

from .auth import AuthenticationConfig
from .const import DOMAIN
from .coordinator import SensiUpdateCoordinator


async def async_setup_entry(hass: HomeAssistant, entry: ConfigEntry) -> bool:
    coordinator = SensiUpdateCoordinator(hass, AuthenticationConfig(entry.data["access_token"]))
    await coordinator.async_config_entry_first_refresh()
    hass.data.setdefault(DOMAIN, {})[entry.entry_id] = coordinator
    await hass.config_entries.async_forward_entry_setups(entry, ["climate"])
    return True
