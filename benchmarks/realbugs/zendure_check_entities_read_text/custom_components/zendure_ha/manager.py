"""Coordinator of the Zendure integration, itself a device (reproduction, see entity.py)."""
from __future__ import annotations

import logging
from datetime import timedelta

from homeassistant.config_entries import ConfigEntry
from homeassistant.core import HomeAssistant
from homeassistant.helpers.update_coordinator import DataUpdateCoordinator

from .api import Api
from .entity import EntityDevice

_LOGGER = logging.getLogger(__name__)
SCAN_INTERVAL = timedelta(seconds=60)


class ZendureManager(DataUpdateCoordinator[None], EntityDevice):
    def __init__(self, hass: HomeAssistant, entry: ConfigEntry) -> None:
        super().__init__(hass, _LOGGER, name="Zendure Manager", update_interval=SCAN_INTERVAL, config_entry=entry)
        EntityDevice.__init__(self, hass, "Zendure Manager", "Zendure Manager")
        self.api = Api()

    async def loadDevices(self) -> None:
        data = await self.api.api_ha(self.hass, dict(self.config_entry.data))
        for dev in data["deviceList"]:
            if (deviceId := dev["deviceKey"]) is None or (prodModel := dev["productModel"]) is None:
                continue
            init = Api.createdevice.get(prodModel.lower().replace(" ", ""), None)
            if init is None:
                _LOGGER.info("Device %s is not supported!", prodModel)
                continue
            device = init(self.hass, deviceId, dev.get("deviceName", prodModel), dev)
            Api.devices[deviceId] = device

    async def _async_update_data(self) -> None:
        for device in Api.devices.values():
            _LOGGER.debug("update %s", device.name)
