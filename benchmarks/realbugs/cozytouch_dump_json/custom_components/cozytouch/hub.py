"""Atlantic Cozytouch Hub.

Reproduction of the shape fixed in https://github.com/gduteil/cozytouch/issues/56 (PR #58, commit
dbceeb934692577f8894cb4eaf40f8aeb9f98c98, "resolve Detected blocking call #56"): the coroutine
Hub.connect (awaited by async_setup_entry) calls self.update_devices_from_json_data(json_data), a
plain method of the same class that, when the user enabled the JSON dump, opens and writes
Cozytouch.json in the config folder. The fix ran the method with
`await asyncio.get_event_loop().run_in_executor(None, self.update_devices_from_json_data, json_data)`.
"""
from __future__ import annotations

import copy
import json
import logging
from datetime import timedelta

from aiohttp import ClientSession, FormData
from homeassistant import exceptions
from homeassistant.core import HomeAssistant
from homeassistant.helpers.update_coordinator import DataUpdateCoordinator

from .const import COZYTOUCH_ATLANTIC_API, COZYTOUCH_CLIENT_ID

_LOGGER = logging.getLogger(__name__)


class Hub(DataUpdateCoordinator):
    """Atlantic Cozytouch Hub."""

    _setup = {}
    _zones = {}

    def __init__(self, hass: HomeAssistant, username: str, password: str, deviceId: int | None = None) -> None:
        super().__init__(hass, _LOGGER, name="Cozytouch_" + str(deviceId), update_interval=timedelta(seconds=10))
        self._session = ClientSession()
        self._hass = hass
        self._username = username
        self._password = password
        self._deviceId = deviceId
        self._access_token = ""
        self._dump_json = False
        self._devices = []
        self.online = False

    async def connect(self) -> bool:
        """Connect to Cozytouch server."""
        if self.online is False:
            try:
                async with self._session.post(
                    COZYTOUCH_ATLANTIC_API + "/users/token",
                    data=FormData({"grant_type": "password", "username": "GA-PRIVATEPERSON/" + self._username, "password": self._password}),
                    headers={"Authorization": f"Basic {COZYTOUCH_CLIENT_ID}"},
                ) as response:
                    token = await response.json()
                    if "access_token" not in token:
                        raise CannotConnect
                    self._access_token = token["access_token"]

                headers = {"Authorization": f"Bearer {self._access_token}"}
                async with self._session.get(COZYTOUCH_ATLANTIC_API + "/magellan/cozytouch/setupview", headers=headers) as response:
                    json_data = await response.json()

                    for key in ("absence", "address", "id", "name", "timeZone"):
                        if key in json_data[0]:
                            self._setup[key] = copy.deepcopy(json_data[0][key])

                    # Update devices infos
                    self.update_devices_from_json_data(json_data)  # bug

                self.online = True

            except CannotConnect:
                self.online = False

        return self.online

    def update_devices_from_json_data(self, json_data) -> None:
        """Update the devices list."""
        if self._dump_json:
            with open(self._hass.config.config_dir + "/Cozytouch.json", "w", encoding="utf-8") as outfile:
                json_object = json.dumps(json_data, indent=4)
                outfile.write(json_object)

        if len(self._zones) == 0 and "zones" in json_data[0]:
            self._zones = copy.deepcopy(json_data[0]["zones"])

        for remote_device in json_data[0]["devices"]:
            if not any(d["deviceId"] == remote_device["deviceId"] for d in self._devices):
                self._devices.append({"deviceId": remote_device["deviceId"], "name": remote_device["name"]})

    def set_dump_json(self, dump_json: bool) -> None:
        self._dump_json = dump_json

    async def _async_update_data(self):
        return self._devices


class CannotConnect(exceptions.HomeAssistantError):
    """Error to indicate we cannot connect."""
