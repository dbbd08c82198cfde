"""Set-up of a Home Assistant integration for a free@home system access point (reproduction,
see fah/pfreeathome.py)."""
from homeassistant.config_entries import ConfigEntry
from homeassistant.core import HomeAssistant

from .fah import pfreeathome

DOMAIN = "freeathome"


async def async_setup_entry(hass: HomeAssistant, entry: ConfigEntry) -> bool:
    sysap = pfreeathome.FreeAtHomeSysApp(entry.data["host"], entry.data["username"], entry.data["password"])
    sysap.use_room_names = entry.data.get("use_room_names", False)
    hass.data.setdefault(DOMAIN, {})[entry.entry_id] = sysap
    await sysap.connect()
    await sysap.wait_for_connection()
    return True


async def async_unload_entry(hass: HomeAssistant, entry: ConfigEntry) -> bool:
    sysap = hass.data[DOMAIN].pop(entry.entry_id)
    await sysap.disconnect()
    return True
