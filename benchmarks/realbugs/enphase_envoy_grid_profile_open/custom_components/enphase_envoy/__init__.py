"""The Enphase Envoy integration (installer variant)."""
from homeassistant.config_entries import ConfigEntry
from homeassistant.core import HomeAssistant, ServiceCall
from homeassistant.helpers.httpx_client import get_async_client

from .const import DOMAIN, READER
from .envoy_reader import EnvoyReader


async def async_setup_entry(hass: HomeAssistant, entry: ConfigEntry) -> bool:
    envoy_reader = EnvoyReader(entry.data["host"], token=entry.data.get("token"), async_client=get_async_client(hass))
    hass.data.setdefault(DOMAIN, {})[entry.entry_id] = {READER: envoy_reader}

    async def set_grid_profile(call: ServiceCall):
        await envoy_reader.set_grid_profile(call.data["profile"])

    hass.services.async_register(DOMAIN, "set_grid_profile", set_grid_profile)

    async def upload_grid_profile(call: ServiceCall):
        await envoy_reader.upload_grid_profile(call.data["file"])

    hass.services.async_register(DOMAIN, "upload_grid_profile", upload_grid_profile)
    return True
