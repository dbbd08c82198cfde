"""Set-up of a Home Assistant integration for baby cameras (reproduction, see frontend/__init__.py)."""
from homeassistant.config_entries import ConfigEntry
from homeassistant.core import HomeAssistant

from .frontend import async_register_card

DOMAIN = "nanit"


async def async_setup_entry(hass: HomeAssistant, entry: ConfigEntry) -> bool:
    hass.data.setdefault(DOMAIN, {})[entry.entry_id] = entry.data
    await async_register_card(hass)
    await hass.config_entries.async_forward_entry_setups(entry, ["camera", "sensor"])
    return True
