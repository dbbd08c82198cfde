"""The Atlantic Cozytouch integration."""
from homeassistant.config_entries import ConfigEntry
from homeassistant.core import HomeAssistant

from .const import DOMAIN
from .hub import Hub


async def async_setup_entry(hass: HomeAssistant, entry: ConfigEntry) -> bool:
    hub = Hub(hass, entry.data["username"], entry.data["password"], entry.data.get("deviceId"))
    hub.set_dump_json(entry.data.get("dumpJSON", False))
    await hub.connect()
    hass.data.setdefault(DOMAIN, {})[entry.entry_id] = hub
    await hub.async_config_entry_first_refresh()
    return True
