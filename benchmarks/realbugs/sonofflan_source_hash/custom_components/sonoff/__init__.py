"""Set-up of a Home Assistant integration for Sonoff devices (reproduction, see core/xutils.py)."""
import logging

from homeassistant.config_entries import ConfigEntry
from homeassistant.core import HomeAssistant

from .core.const import DOMAIN
from .system_health import setup_debug

_LOGGER = logging.getLogger(__name__)


async def async_setup_entry(hass: HomeAssistant, entry: ConfigEntry) -> bool:
    hass.data.setdefault(DOMAIN, {})[entry.entry_id] = entry.runtime_data
    if entry.options.get("debug"):
        await setup_debug(hass, _LOGGER)
    return True
