"""Coordinator for the yoto integration.

Reproduction of the shape fixed in https://github.com/cdnninja/yoto_ha/issues/118 (commit
4576aa8943ac6b25138d17a211cf1d9bfcdd2370, "fix: blocking cert load call warning (#120)"): the
coordinator's coroutine _async_update_data runs every library call in the executor but one: on the
first update it calls self.yoto_manager.connect_to_events(self.api_callback) directly, and the
library's YotoManager (yoto_api/ is a stand-in) builds a paho MQTT client whose tls_set() loads the
default certificates and whose connect() opens the socket, on the event loop ("Detected blocking call
to load_default_certs ... at custom_components/yoto/coordinator.py, line 68"). The fix ran it with
hass.async_add_executor_job; the call line is marked.
"""
from __future__ import annotations

import logging
from datetime import timedelta

from homeassistant.config_entries import ConfigEntry
from homeassistant.core import HomeAssistant
from homeassistant.exceptions import ConfigEntryAuthFailed
from homeassistant.helpers.update_coordinator import DataUpdateCoordinator
from yoto_api import YotoManager

from .const import DEFAULT_SCAN_INTERVAL, DOMAIN

_LOGGER = logging.getLogger(__name__)


class YotoDataUpdateCoordinator(DataUpdateCoordinator):
    """Polls the Yoto cloud and listens to the players' MQTT events."""

    def __init__(self, hass: HomeAssistant, entry: ConfigEntry) -> None:
        minutes = entry.options.get("scan_interval", DEFAULT_SCAN_INTERVAL)
        super().__init__(hass, _LOGGER, name=DOMAIN, update_interval=timedelta(minutes=minutes))
        self.yoto_manager = YotoManager(username=entry.data["username"], password=entry.data["password"])

    async def _refresh_token(self) -> None:
        await self.hass.async_add_executor_job(self.yoto_manager.check_and_refresh_token)

    async def _async_update_data(self):
        try:
            await self._refresh_token()
        except Exception as err:  # noqa: BLE001
            raise ConfigEntryAuthFailed(err) from err
        manager = self.yoto_manager
        await self.hass.async_add_executor_job(manager.update_players_status)
        if not manager.library:
            await self.hass.async_add_executor_job(manager.update_library)
        if manager.mqtt_client is None:
            self.yoto_manager.connect_to_events(self.api_callback)  # bug
        return self.data

    def api_callback(self) -> None:
        """Called from the MQTT client's thread when a player reports."""
        unknown = {p.get("cardId") for p in self.yoto_manager.players.values()} - set(self.yoto_manager.library)
        if unknown - {None}:
            self.hass.add_job(self.async_update_library)
        self.hass.add_job(self.async_update_listeners)

    async def async_update_library(self) -> None:
        await self._refresh_token()
        await self.hass.async_add_executor_job(self.yoto_manager.update_library)

    async def async_pause_player(self, player_id: str) -> None:
        await self._refresh_token()
        await self.hass.async_add_executor_job(self.yoto_manager.pause_player, player_id)

    async def release(self) -> None:
        """Stop listening to the players."""
        self.yoto_manager.disconnect()
