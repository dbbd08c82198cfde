import logging
from datetime import timedelta

from homeassistant.helpers.update_coordinator import DataUpdateCoordinator
from pymodbus.client import AsyncModbusTcpClient

_LOGGER = logging.getLogger(__name__)


class StiebelEltronModbusDataCoordinator(DataUpdateCoordinator):
    def __init__(self, hass, name, host, port, scan_interval):
        self._client = AsyncModbusTcpClient(host=host, port=port)
        self.host = host
        super().__init__(hass, _LOGGER, name=name, update_interval=timedelta(seconds=scan_interval))

    async def write_register(self, address, value, slave):
        await self._client.write_register(address, value, slave=slave)
