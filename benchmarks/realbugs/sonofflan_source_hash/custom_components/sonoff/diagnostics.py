"""Diagnostics of the Sonoff integration (reproduction, see core/xutils.py)."""
from homeassistant.config_entries import ConfigEntry
from homeassistant.core import HomeAssistant

from .core.const import DOMAIN, PRIVATE_KEYS
from .core import xutils


async def async_get_config_entry_diagnostics(hass: HomeAssistant, entry: ConfigEntry):
    options = {k: v for k, v in entry.options.items() if k not in PRIVATE_KEYS}
    config = {k: v for k, v in entry.data.items() if k not in PRIVATE_KEYS}
    registry = hass.data[DOMAIN][entry.entry_id]
    return {
        "version": xutils.source_hash(),  # bug
        "cloud_auth": registry.cloud.auth is not None,
        "config": config,
        "options": options,
        "errors": xutils.system_log_records(hass, DOMAIN),
    }
