"""USB IO for lab machines.

Reproduction of the shape fixed in https://github.com/PyLabRobot/pylabrobot/pull/500 (commit
553932d92ba62328f0882cfdae1b72c590ddb348, "await loop.run_in_executor"): the coroutine USB.write
hands the device write to its single-worker ThreadPoolExecutor (self._executor, made in setup) with
`loop.run_in_executor(...)` as a statement, never awaited; write returns (and logs the data as
written) before the write happened, a write error is never raised to the caller, and the next
command can be sent first. read() beside it awaits the same call. The fix added the await.
"""
import asyncio
import logging
import time
from concurrent.futures import ThreadPoolExecutor
from typing import Optional

import usb.core
import usb.util

from pylabrobot.io.io import IOBase

logger = logging.getLogger(__name__)


class USB(IOBase):
    """IO for reading/writing to a USB device."""

    def __init__(self, id_vendor: int, id_product: int, packet_read_timeout: int = 3, read_timeout: int = 30, write_timeout: int = 30):
        super().__init__()
        self._id_vendor = id_vendor
        self._id_product = id_product
        self.packet_read_timeout = packet_read_timeout
        self.read_timeout = read_timeout
        self.write_timeout = write_timeout
        self.dev: Optional[usb.core.Device] = None
        self.read_endpoint = None
        self.write_endpoint = None
        self._executor: Optional[ThreadPoolExecutor] = None
        self._unique_id = f"[{hex(id_vendor)}:{hex(id_product)}]"

    async def write(self, data: bytes, timeout: Optional[float] = None):
        """Write data to the device."""
        if timeout is None:
            timeout = self.write_timeout
        loop = asyncio.get_running_loop()
        write_endpoint = self.write_endpoint
        dev = self.dev
        if self._executor is None or dev is None or write_endpoint is None:
            raise RuntimeError("Call setup() first.")
        loop.run_in_executor(  # bug
            self._executor,
            lambda: dev.write(write_endpoint, data, timeout=timeout),
        )
        logger.debug("%s write: %s", self._unique_id, data)

    def _read_packet(self) -> Optional[bytearray]:
        try:
            res = self.dev.read(self.read_endpoint, self.read_endpoint.wMaxPacketSize, timeout=int(self.packet_read_timeout * 1000))
            return bytearray(res) if res is not None else None
        except usb.core.USBError:
            return None

    async def read(self, timeout: Optional[int] = None) -> bytes:
        """Read one response from the device, within the timeout."""
        if timeout is None:
            timeout = self.read_timeout

        def read_or_timeout():
            deadline = time.time() + timeout
            while time.time() < deadline:
                packet = self._read_packet()
                if packet:
                    return bytes(packet)
            raise TimeoutError("Timeout while reading.")

        loop = asyncio.get_running_loop()
        if self._executor is None:
            raise RuntimeError("Call setup() first.")
        return await loop.run_in_executor(self._executor, read_or_timeout)

    async def setup(self):
        self.dev = usb.core.find(idVendor=self._id_vendor, idProduct=self._id_product)
        if self.dev is None:
            raise RuntimeError("Machine not found.")
        cfg = self.dev.get_active_configuration()
        intf = cfg[(0, 0)]
        self.write_endpoint = usb.util.find_descriptor(intf, custom_match=lambda e: usb.util.endpoint_direction(e.bEndpointAddress) == usb.util.ENDPOINT_OUT)
        self.read_endpoint = usb.util.find_descriptor(intf, custom_match=lambda e: usb.util.endpoint_direction(e.bEndpointAddress) == usb.util.ENDPOINT_IN)
        self._executor = ThreadPoolExecutor(max_workers=1)

    async def stop(self):
        if self.dev is not None:
            usb.util.dispose_resources(self.dev)
            self.dev = None
        if self._executor is not None:
            self._executor.shutdown(wait=True)
            self._executor = None
