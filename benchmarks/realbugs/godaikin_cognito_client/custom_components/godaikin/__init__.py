"""Set-up of an air-conditioner cloud integration (reproduction, see auth.py)."""
from homeassistant.config_entries import ConfigEntry
from homeassistant.const import CONF_PASSWORD, CONF_USERNAME
from homeassistant.core import HomeAssistant

from .api import ApiClient
from .auth import AuthClient

DOMAIN = "godaikin"


async def async_setup_entry(hass: HomeAssistant, entry: ConfigEntry) -> bool:
    auth = AuthClient(username=entry.data[CONF_USERNAME], password=entry.data[CONF_PASSWORD])
    api = ApiClient(auth)
    await api.get_units()
    hass.data.setdefault(DOMAIN, {})[entry.entry_id] = api
    return True
