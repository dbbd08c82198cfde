"""The ChirpStack LoRaWAN integration.

Reproduction of the shape reported in https://github.com/modrisb/chirp/issues/12 (fixed in
1.2.0, the read removed in 1.2.1): Home Assistant detected
`with Path.open(str(module_dir)+'/classes.json') as file:` in the integration's __init__.py
inside the event loop, in its async set-up.
"""
import json
from pathlib import Path

from homeassistant.config_entries import ConfigEntry
from homeassistant.core import HomeAssistant

DOMAIN = "chirp"


async def async_setup_entry(hass: HomeAssistant, entry: ConfigEntry) -> bool:
    """Set up ChirpStack from a config entry."""
    module_dir = Path(__file__).parent
    with Path.open(str(module_dir) + "/classes.json") as file:  # bug
        classes = json.load(file)
    hass.data.setdefault(DOMAIN, {})[entry.entry_id] = {"classes": classes}
    await hass.config_entries.async_forward_entry_setups(entry, ["sensor"])
    return True
