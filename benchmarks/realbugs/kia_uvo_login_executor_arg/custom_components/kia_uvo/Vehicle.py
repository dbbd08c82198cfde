"""Vehicle.

Reproduction of the shape fixed in https://github.com/Hyundai-Kia-Connect/kia_uvo/issues/13 (commit
eeae296dd6eb60dc6cf8a8797edbe6dc37e2c6d6, "fix token refresh issue"): when the token expired, the
coroutine Vehicle.refresh_token (awaited by the entry's update callbacks in __init__.py) wrote
`await self.hass.async_add_executor_job(self.kia_uvo_api.login())`: the parentheses call the
synchronous KiaUvoApi.login (KiaUvoApi.py; requests.post / Session.get) on the event loop and hand
its result to the executor. The report shows Home Assistant's "Detected I/O inside the event loop"
at KiaUvoApi.py's requests.post. The fix passed a plain method, `async_add_executor_job(self.login)`.
"""
import logging
from datetime import datetime

from homeassistant.helpers.dispatcher import async_dispatcher_send

from .const import DATE_FORMAT, DOMAIN
from .KiaUvoApi import KiaUvoApi
from .Token import Token

_LOGGER = logging.getLogger(__name__)


class Vehicle(object):
    def __init__(self, hass, config_entry, token: Token, kia_uvo_api: KiaUvoApi):
        self.hass = hass
        self.config_entry = config_entry
        self.token = token
        self.kia_uvo_api = kia_uvo_api
        self.id = token.vehicle_id
        self.vehicle_data = {}
        self.topic_update = f"{DOMAIN}-update-{self.id}"

    async def update(self):
        self.vehicle_data = await self.hass.async_add_executor_job(self.kia_uvo_api.get_cached_vehicle_status, self.token)
        async_dispatcher_send(self.hass, self.topic_update)

    async def refresh_token(self):
        if self.token.valid_until <= datetime.now().strftime(DATE_FORMAT):
            _LOGGER.debug(f"{DOMAIN} - Refresh token expired")
            self.token = await self.hass.async_add_executor_job(self.kia_uvo_api.login())  # bug
            return True
        return False
