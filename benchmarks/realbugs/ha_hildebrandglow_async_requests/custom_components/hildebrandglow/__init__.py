"""The Hildebrand Glow integration (reproduction, see glow.py)."""
from homeassistant.config_entries import ConfigEntry
from homeassistant.core import HomeAssistant

from .const import DOMAIN
from .glow import Glow


async def async_setup_entry(hass: HomeAssistant, entry: ConfigEntry) -> bool:
    glow = Glow(entry.data["app_id"], entry.data["token"])
    hass.data.setdefault(DOMAIN, {})[entry.entry_id] = glow
    await hass.config_entries.async_forward_entry_setups(entry, ["sensor"])
    return True
