import asyncio
import logging
import time

from bleak import BleakClient


class IdasenDesk:
    RETRY_COUNT = 3

    def __init__(self, mac):
        self._client = BleakClient(mac)
        self._logger = logging.getLogger(__name__)

    async def connect(self):
        i = 0
        while True:
            try:
                await self._client.connect(timeout=20)
                return
            except Exception:
                if i >= self.RETRY_COUNT:
                    raise
                i += 1
                self._logger.warning(f"Failed to connect, retrying ({i}/{self.RETRY_COUNT})...")
                time.sleep(0.3 * i)  # bug

    async def disconnect(self):
        await asyncio.wait_for(self._client.disconnect(), 5)
