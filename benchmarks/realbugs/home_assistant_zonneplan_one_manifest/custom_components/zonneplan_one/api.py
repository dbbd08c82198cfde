"""API glue for Home Assistant (reproduction, see zonneplan_api/api.py)."""
from typing import Any

from aiohttp import ClientSession
from homeassistant.helpers import config_entry_oauth2_flow

from .const import DOMAIN
from .zonneplan_api.api import ZonneplanApi


class AsyncConfigEntryAuth(ZonneplanApi):
    def __init__(
        self,
        websession: ClientSession,
        oauth_session: config_entry_oauth2_flow.OAuth2Session | None = None,
    ) -> None:
        super().__init__(websession)
        self._oauth_session = oauth_session

    async def async_get_access_token(self) -> str:
        await self._oauth_session.async_ensure_token_valid()
        return self._oauth_session.token["access_token"]


class ZonneplanOAuth2Implementation(config_entry_oauth2_flow.AbstractOAuth2Implementation):
    def __init__(self, api: ZonneplanApi) -> None:
        self._api = api

    @property
    def name(self) -> str:
        return "Zonneplan ONE"

    @property
    def domain(self) -> str:
        return DOMAIN

    async def async_resolve_external_data(self, external_data: Any) -> dict:
        return await self._api.async_get_temp_pass(external_data["email"], external_data["uuid"])
