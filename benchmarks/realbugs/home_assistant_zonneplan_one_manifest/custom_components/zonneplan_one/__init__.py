"""Zonneplan ONE integration (reproduction, see zonneplan_api/api.py)."""
from homeassistant.config_entries import ConfigEntry
from homeassistant.core import HomeAssistant
from homeassistant.helpers import aiohttp_client, config_entry_oauth2_flow

from . import api, config_flow
from .const import DOMAIN


async def async_setup(hass: HomeAssistant, config: dict):
    hass.data.setdefault(DOMAIN, {})
    config_flow.ZonneplanLoginFlowHandler.async_register_implementation(
        hass,
        api.ZonneplanOAuth2Implementation(
            api.AsyncConfigEntryAuth(aiohttp_client.async_get_clientsession(hass))
        ),
    )
    return True


async def async_setup_entry(hass: HomeAssistant, entry: ConfigEntry):
    implementation = await config_entry_oauth2_flow.async_get_config_entry_implementation(
        hass, entry
    )
    session = config_entry_oauth2_flow.OAuth2Session(hass, entry, implementation)
    zonneplan_api = api.AsyncConfigEntryAuth(aiohttp_client.async_get_clientsession(hass), session)
    hass.data[DOMAIN][entry.entry_id] = {"api": zonneplan_api}
    return True
