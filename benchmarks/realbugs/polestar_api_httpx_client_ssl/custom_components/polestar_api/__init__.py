"""The Polestar custom integration.

Reproduction of the shape fixed in https://github.com/pypolestar/polestar_api/issues/159 (commit
f9b0204703f68c6c8b8cd21230467d622d7098d9, "use homeassistant.helpers.httpx_client.get_async_client()",
with 07ac254 the same day): async_setup_entry constructs Polestar (polestar.py), whose __init__
constructs PolestarApi (pypolestar/polestar.py), which makes a fresh `httpx.AsyncClient()` and a
PolestarAuth (pypolestar/auth.py) that makes another; each client builds an SSL context and loads
the CA bundle (load_verify_locations) on the event loop, which Home Assistant reports as a
blocking call. The fix passed Home Assistant's shared client down instead; the construction line
in async_setup_entry and the two AsyncClient lines are marked.
"""
from homeassistant.config_entries import ConfigEntry
from homeassistant.core import HomeAssistant

from .const import CONF_PASSWORD, CONF_USERNAME, DOMAIN
from .polestar import Polestar


async def async_setup_entry(hass: HomeAssistant, config_entry: ConfigEntry) -> bool:
    conf = config_entry.data
    polestar = Polestar(hass, conf[CONF_USERNAME], conf[CONF_PASSWORD])  # bug
    await polestar.init()
    hass.data.setdefault(DOMAIN, {})[config_entry.entry_id] = polestar
    await hass.config_entries.async_forward_entry_setups(config_entry, ["sensor"])
    return True


async def async_unload_entry(hass: HomeAssistant, config_entry: ConfigEntry) -> bool:
    unloaded = await hass.config_entries.async_unload_platforms(config_entry, ["sensor"])
    if unloaded:
        hass.data[DOMAIN].pop(config_entry.entry_id)
    return unloaded
