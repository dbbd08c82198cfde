"""Set-up of a Home Assistant soundbar integration.

Reproduction of the shape reported in https://github.com/MrBearPresident/JBL_Soundbar/issues/33
("Detected blocking call to load_verify_locations ... coordinator.py: ssl_context =
ssl.create_default_context(cafile=certifi.where())") and fixed in
https://github.com/MrBearPresident/JBL_Soundbar/pull/48: the entry's set-up coroutine builds the
coordinator, whose constructor builds the SSL context (certificates read from disk) on the loop.
"""
from homeassistant.config_entries import ConfigEntry
from homeassistant.const import CONF_ADDRESS, CONF_SCAN_INTERVAL
from homeassistant.core import HomeAssistant

from .const import DOMAIN
from .coordinator import Coordinator


async def async_setup_entry(hass: HomeAssistant, entry: ConfigEntry) -> bool:
    hass.data.setdefault(DOMAIN, {})
    coordinator = Coordinator(entry.data.get(CONF_ADDRESS), entry.data.get(CONF_SCAN_INTERVAL), hass, entry)  # bug
    await coordinator._SetupDeviceInfo()
    await coordinator.async_config_entry_first_refresh()
    hass.data[DOMAIN][entry.entry_id] = coordinator
    await hass.config_entries.async_forward_entry_setups(entry, ["sensor", "switch"])
    return True
