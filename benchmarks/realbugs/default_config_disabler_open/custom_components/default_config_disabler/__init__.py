"""The default_config_disabler integration."""
from homeassistant.config_entries import ConfigEntry
from homeassistant.core import HomeAssistant

from .helpers import get_original_dependencies, update_manifest

DOMAIN = "default_config_disabler"


async def async_setup_entry(hass: HomeAssistant, entry: ConfigEntry) -> bool:
    """Set up from a config entry."""
    disabled = entry.options.get("disabled", [])
    known = get_original_dependencies()  # bug
    update_manifest([d for d in disabled if d in known])  # bug
    return True
