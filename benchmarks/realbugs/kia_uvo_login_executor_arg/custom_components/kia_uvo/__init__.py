"""Kia UVO integration (reproduction, see Vehicle.py)."""
from datetime import timedelta

from homeassistant.config_entries import ConfigEntry
from homeassistant.const import CONF_PASSWORD, CONF_USERNAME
from homeassistant.core import HomeAssistant
from homeassistant.helpers.event import async_track_time_interval

from .const import CONF_STORED_CREDENTIALS, DOMAIN
from .KiaUvoApi import KiaUvoApi
from .Token import Token
from .Vehicle import Vehicle


async def async_setup_entry(hass: HomeAssistant, config_entry: ConfigEntry):
    email = config_entry.data.get(CONF_USERNAME)
    password = config_entry.data.get(CONF_PASSWORD)
    credentials = config_entry.data.get(CONF_STORED_CREDENTIALS)

    kia_uvo_api = KiaUvoApi(email, password)
    vehicle = Vehicle(hass, config_entry, Token(credentials), kia_uvo_api)
    hass.data.setdefault(DOMAIN, {})[config_entry.entry_id] = vehicle

    async def refresh_config_entry():
        is_token_updated = await vehicle.refresh_token()
        if is_token_updated:
            new_data = config_entry.data.copy()
            new_data[CONF_STORED_CREDENTIALS] = vars(vehicle.token)
            hass.config_entries.async_update_entry(config_entry, data=new_data, options=config_entry.options)

    async def update(event_time):
        await refresh_config_entry()
        await vehicle.update()

    await update(None)
    async_track_time_interval(hass, update, timedelta(minutes=30))
    return True
