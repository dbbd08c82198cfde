"""Data update coordinator of the X-Sense integration (reproduction, see api/mqtt_helper.py)."""
from homeassistant.helpers.aiohttp_client import async_get_clientsession
from homeassistant.helpers.update_coordinator import DataUpdateCoordinator

from .api.async_xsense import AsyncXSense


class XSenseDataUpdateCoordinator(DataUpdateCoordinator):
    def __init__(self, hass, entry):
        super().__init__(hass, None, name="xsense")
        self.entry = entry
        self.xsense = None

    async def _connect(self):
        self.xsense = AsyncXSense(async_get_clientsession(self.hass))
        await self.xsense.load_aws()

    async def _async_update_data(self):
        if self.xsense is None:
            await self._connect()
        return await self.get_all_devices()

    async def get_all_devices(self):
        devices = {}
        await self.xsense.load_all()
        for h in self.xsense.houses.values():
            devices.update(h.stations)
        return devices
