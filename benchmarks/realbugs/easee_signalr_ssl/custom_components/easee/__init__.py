"""Set-up of a Home Assistant integration for cloud-connected EV chargers (reproduction, see
controller.py)."""
from homeassistant.config_entries import ConfigEntry
from homeassistant.core import HomeAssistant

from .const import DOMAIN
from .controller import Controller


async def async_setup_entry(hass: HomeAssistant, entry: ConfigEntry):
    username = entry.data["username"]
    password = entry.data["password"]
    controller = Controller(username, password, hass, entry)
    await controller.initialize()
    hass.data.setdefault(DOMAIN, {})["controller"] = controller
    return True


async def async_unload_entry(hass: HomeAssistant, entry: ConfigEntry):
    controller = hass.data[DOMAIN].pop("controller")
    await controller.cleanup()
    return True
