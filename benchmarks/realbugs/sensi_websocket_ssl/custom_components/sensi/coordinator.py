"""The Sensi data coordinator: device state over a websocket.

Reproduction of the shape fixed in https://github.com/iprak/sensi/issues/65 (PR #66, commit
7ac57cf9a2042905d475e3ea2bcd3e6dbc877c31, "fix: passing ssl context to avoid blocking"): Home
Assistant reported "Detected blocking call to load_default_certs inside the event loop" at the
`async with websockets.client.connect(` of async_send_event_priv, which the device's setters
(async_set_temp, async_set_hvac_mode, called by the climate entity) reach through
self.coordinator.async_send_event; without ssl=, websockets builds a default SSL context (loading
the system certificates) on the loop for the wss:// URL. The fix built one context at import time
(_SSL_CONTEXT = get_default_context()) and passed it to both connect calls.
"""
from __future__ import annotations

import asyncio
import json
from datetime import datetime, timedelta
from typing import Final

import websockets.client
from homeassistant.core import HomeAssistant
from homeassistant.helpers.update_coordinator import DataUpdateCoordinator, UpdateFailed
from homeassistant.util.ssl import get_default_context

from .auth import AuthenticationConfig
from .const import COORDINATOR_UPDATE_INTERVAL, LOGGER

WS_URL: Final = "wss://rt.sensiapi.io/thermostat/?transport=websocket"
MAX_DATA_FETCH_COUNT: Final = 5


class SensiDevice:
    def __init__(self, coordinator, data_json: dict) -> None:
        self.coordinator = coordinator
        self.identifier = data_json.get("icd_id")
        self.state = dict(data_json.get("state", {}))

    def update(self, data_json: dict) -> None:
        self.state.update(data_json.get("state", {}))

    async def async_set_temp(self, value: int) -> None:
        data = json.dumps(["set_temperature", {"icd_id": self.identifier, "value": value}])
        await self.coordinator.async_send_event(data)
        self.state["current_heat_temp"] = value

    async def async_set_hvac_mode(self, mode: str) -> bool:
        data = json.dumps(["set_operating_mode", {"icd_id": self.identifier, "value": mode}])
        await self.coordinator.async_send_event(data)
        self.state["operating_mode"] = mode
        return True


class SensiUpdateCoordinator(DataUpdateCoordinator):
    def __init__(self, hass: HomeAssistant, config: AuthenticationConfig) -> None:
        self._devices: dict[str, SensiDevice] = {}
        self._headers = {"Authorization": "bearer " + config.access_token}
        self._last_event_time_stamp: datetime | None = None
        super().__init__(
            hass, LOGGER, name="Sensi", update_interval=timedelta(seconds=COORDINATOR_UPDATE_INTERVAL)
        )

    def get_devices(self):
        return self._devices.values()

    def _parse_socket_response(self, msg: str) -> bool:
        if not msg or not msg.startswith("42"):
            return False
        parsed_json = json.loads(msg[2:])
        found_state = False
        if parsed_json[0] == "state":
            for device_data in parsed_json[1]:
                icd_id = device_data.get("icd_id")
                found_state = "state" in device_data
                if icd_id in self._devices:
                    self._devices[icd_id].update(device_data)
                else:
                    self._devices[icd_id] = SensiDevice(self, device_data)
        return found_state

    async def _async_update_data(self) -> dict[str, SensiDevice]:
        return await self._fetch_device_data()

    async def _fetch_device_data(self) -> dict[str, SensiDevice]:
        fetch_count = 0
        done = False
        async with websockets.client.connect(
            WS_URL, extra_headers=self._headers, ssl=get_default_context()
        ) as websocket:
            try:
                while (not done) and (fetch_count < MAX_DATA_FETCH_COUNT):
                    msg = await asyncio.wait_for(websocket.recv(), timeout=10)
                    done = self._parse_socket_response(msg)
                    fetch_count = fetch_count + 1
            except (asyncio.TimeoutError, websockets.exceptions.WebSocketException) as exception:
                raise UpdateFailed(exception) from exception
        return self._devices

    async def async_send_event(self, data: str) -> None:
        await self.async_send_event_priv(data)

    async def async_send_event_priv(self, data: str) -> None:
        self._last_event_time_stamp = None
        async with websockets.client.connect(  # bug
            WS_URL, extra_headers=self._headers
        ) as websocket:
            try:
                await websocket.send("421" + data)
                msg = await asyncio.wait_for(websocket.recv(), timeout=5)
                self._last_event_time_stamp = datetime.now()
                LOGGER.debug("async_send_event response=%s", msg)
            except Exception as err:  # noqa: BLE001
                LOGGER.warning("Sending event with %s failed: %s", data, err)
