"""CuboAI sensors: reload the tokens another entity may have refreshed before refreshing them.

Reproduction of the shape reported in https://github.com/niruse/cuboai/issues/9 (closed, reopened as
#10 and fixed): Home Assistant detected `with open(ACCESS_TOKEN_FILE, "r", encoding="utf-8")` of
api/cuboai_functions.py inside the event loop; the async refresh of the sensors' base class called
its plain _load_latest_tokens, which called load_access_token/load_refresh_token of the api module.
"""
import logging

from homeassistant.helpers.entity import Entity

from .api.cuboai_functions import (
    load_access_token,
    load_refresh_token,
    refresh_access_token_only,
    save_access_token,
    save_refresh_token,
)

_LOGGER = logging.getLogger(__name__)


class CuboBaseSensor(Entity):
    def __init__(self, hass, entry, access_token, refresh_token, user_agent):
        self.hass = hass
        self._entry = entry
        self._access_token = access_token
        self._refresh_token = refresh_token
        self._user_agent = user_agent

    def _load_latest_tokens(self):
        latest_access = load_access_token() or self._access_token
        latest_refresh = load_refresh_token() or self._refresh_token
        self._access_token = latest_access
        self._refresh_token = latest_refresh

    async def _external_refresh_token(self):
        self._load_latest_tokens()  # bug
        access_token, refresh_token, _ = await self.hass.async_add_executor_job(
            refresh_access_token_only,
            self._refresh_token,
            self._user_agent,
        )
        self._access_token = access_token
        self._refresh_token = refresh_token
        save_access_token(access_token)  # also
        save_refresh_token(refresh_token)  # also


class CuboLastAlertSensor(CuboBaseSensor):
    async def async_update(self):
        try:
            await self._external_refresh_token()
        except Exception as err:  # noqa: BLE001
            _LOGGER.warning("refresh failed: %s", err)
