"""Panasonic Comfort Cloud API client of a Home Assistant integration.

Reproduction of the shape fixed in https://github.com/craibo/panasonic_cc/pull/199 (commit 760fb46,
"fixes missing await"): when the client moved to aiohttp, get_device became a coroutine; the fan
swing branch of the async set_device still called self.get_device(device_id) without await and
then indexed the result, so setting a swing mode raised TypeError ('coroutine' object is not
subscriptable).
"""
import aiohttp

from . import constants
from . import panasonicsession


class ApiClient(panasonicsession.PanasonicSession):
    def __init__(self, username, password, client: aiohttp.ClientSession, raw=False):
        super().__init__(username, password, client, raw)
        self._groups = None
        self._device_indexer = {}

    async def start_session(self):
        await super().start_session()
        await self._get_groups()

    async def _get_groups(self):
        self._groups = await self.execute_get(self._get_group_url(), "get_groups", 200)
        for group in self._groups["groupList"]:
            for device in group.get("deviceList", []):
                self._device_indexer[device["deviceHashGuid"]] = device["deviceGuid"]

    async def get_device(self, device_id):
        device_guid = self._device_indexer.get(device_id)
        if device_guid:
            json_response = await self.execute_get(self._get_device_status_url(device_guid), "get_device", 200)
            return {"id": device_id, "parameters": self._read_parameters(json_response["parameters"])}
        return None

    async def set_device(self, device_id, **kwargs):
        parameters = {}
        air_x = None
        air_y = None
        for key, value in kwargs.items():
            if key == "power" and isinstance(value, constants.Power):
                parameters["operate"] = value.value
            if key == "airSwingHorizontal" and isinstance(value, constants.AirSwingLR):
                air_x = value
            if key == "airSwingVertical" and isinstance(value, constants.AirSwingUD):
                air_y = value

        # routine to set the auto mode of fan (either horizontal, vertical, both or disabled)
        if air_x is not None or air_y is not None:
            fan_auto = 0
            device = self.get_device(device_id)  # bug

            if device and device["parameters"]["airSwingHorizontal"].value == -1:
                fan_auto = fan_auto | 1
            if device and device["parameters"]["airSwingVertical"].value == -1:
                fan_auto = fan_auto | 2
            if air_x is not None:
                fan_auto = fan_auto | 1 if air_x.value == -1 else fan_auto & ~1
                parameters["airSwingLR"] = air_x.value
            if air_y is not None:
                fan_auto = fan_auto | 2 if air_y.value == -1 else fan_auto & ~2
                parameters["airSwingUD"] = air_y.value
            if fan_auto == 3:
                parameters["fanAutoMode"] = constants.AirSwingAutoMode.Both.value
            else:
                parameters["fanAutoMode"] = constants.AirSwingAutoMode.Disabled.value

        device_guid = self._device_indexer.get(device_id)
        if device_guid:
            payload = {"deviceGuid": device_guid, "parameters": parameters}
            await self.execute_post(self._get_device_status_control_url(), payload, "set_device", 200)
            return True
        return False

    def _read_parameters(self, parameters=dict()):
        value = dict()
        if "airSwingLR" in parameters:
            value["airSwingHorizontal"] = constants.AirSwingLR(parameters["airSwingLR"])
        if "airSwingUD" in parameters:
            value["airSwingVertical"] = constants.AirSwingUD(parameters["airSwingUD"])
        return value

    def _get_group_url(self):
        return f"{self.BASE_URL}/device/group"

    def _get_device_status_url(self, guid):
        return f"{self.BASE_URL}/deviceStatus/{guid}"

    def _get_device_status_control_url(self):
        return f"{self.BASE_URL}/deviceStatus/control"
