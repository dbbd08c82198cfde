"""Virtual devices for Home Assistant.

Reproduction of the shape fixed in https://github.com/twrecked/hass-virtual/pull/104 (commit
89531d7621b7d38b04c989ecd7dfa26d9be26c09, "Fix I/O in event loop."): the coroutines
async_setup_entry and async_unload_entry build a BlendedCfg (cfg.py) and call its plain load() /
delete(), which read and write the meta-data JSON with open() under a threading lock and parse the
user's YAML file with load_yaml. The fix made them async (aiofiles) and awaited them; the two call
lines are marked.
"""
from homeassistant.config_entries import ConfigEntry
from homeassistant.core import HomeAssistant

from .cfg import BlendedCfg
from .const import ATTR_GROUP_NAME, COMPONENT_DOMAIN, COMPONENT_SERVICES, VIRTUAL_PLATFORMS


async def async_setup_entry(hass: HomeAssistant, entry: ConfigEntry) -> bool:
    if COMPONENT_DOMAIN not in hass.data:
        hass.data[COMPONENT_DOMAIN] = {}
        hass.data[COMPONENT_SERVICES] = {}
    vcfg = BlendedCfg(hass, entry.data)
    vcfg.load()  # bug
    hass.data[COMPONENT_DOMAIN][entry.data[ATTR_GROUP_NAME]] = {"devices": vcfg.devices}
    await hass.config_entries.async_forward_entry_setups(entry, VIRTUAL_PLATFORMS)
    return True


async def async_unload_entry(hass: HomeAssistant, entry: ConfigEntry) -> bool:
    unload_ok = await hass.config_entries.async_unload_platforms(entry, VIRTUAL_PLATFORMS)
    if unload_ok:
        bcfg = BlendedCfg(hass, entry.data)
        bcfg.delete()  # bug
        hass.data[COMPONENT_DOMAIN].pop(entry.data[ATTR_GROUP_NAME])
    return unload_ok
