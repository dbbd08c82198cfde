"""PiKVM-style setup: the coordinator's constructor builds a requests session pinned to the
device certificate."""

from homeassistant.config_entries import ConfigEntry
from homeassistant.core import HomeAssistant

from .const import DOMAIN
from .coordinator import PiKVMDataUpdateCoordinator


async def async_setup_entry(hass: HomeAssistant, entry: ConfigEntry) -> bool:
    hass.data.setdefault(DOMAIN, {})
    coordinator = PiKVMDataUpdateCoordinator(hass, entry.data["host"], entry.data["certificate"])  # bug
    await coordinator.async_config_entry_first_refresh()
    hass.data[DOMAIN][entry.entry_id] = coordinator
    return True
