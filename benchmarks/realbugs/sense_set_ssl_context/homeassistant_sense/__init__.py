"""Home Assistant's sense integration setup, reduced (reproduction, see
../sense_energy/asyncsenseable.py): the gateway is built on the event loop."""
from homeassistant.helpers.aiohttp_client import async_get_clientsession

from sense_energy import ASyncSenseable

ACTIVE_UPDATE_RATE = 60


async def async_setup_entry(hass, entry):
    timeout = entry.data.get("timeout", 5)
    client_session = async_get_clientsession(hass)
    gateway = ASyncSenseable(
        api_timeout=timeout, client_session=client_session
    )
    gateway.rate_limit = ACTIVE_UPDATE_RATE
    gateway.load_auth(entry.data["access_token"], entry.data["user_id"],
                      entry.data["device_id"], entry.data["refresh_token"])
    await gateway.authenticate(entry.data["email"], entry.data["password"])
    hass.data.setdefault("sense", {})[entry.entry_id] = gateway
    return True
