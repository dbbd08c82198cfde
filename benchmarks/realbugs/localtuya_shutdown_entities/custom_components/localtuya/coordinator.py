"""Connection coordinator of a Home Assistant integration for local Tuya devices.

Reproduction of the shape fixed in https://github.com/xZetsubou/hass-localtuya/pull/367 (commit
5c907803e2a32b5e21f36e032515a2bd243085b4, "fix: async coroutine shall be awaited", a fix after
#359): the async close() of TuyaDevice calls self._shutdown_entities(), an async method of the
same class, without await, so the entities are never marked unavailable when the device is
closed. The fix awaited it.
"""
from __future__ import annotations

import asyncio
import time

from homeassistant.helpers.dispatcher import dispatcher_send

from .core.pytuya import ContextualLogger, TuyaListener


class TuyaDevice(TuyaListener, ContextualLogger):
    """Cache wrapper for pytuya.TuyaInterface."""

    def __init__(self, hass, device_config, sleep_time=0):
        self._hass = hass
        self._device_config = device_config
        self._sleep_time = sleep_time
        self._interface = None
        self._connect_task = None
        self._call_on_close = []
        self._is_closing = False
        self._last_update_time = int(time.time())
        self._status = {}

    @property
    def connected(self):
        return self._interface is not None

    async def close(self):
        """Close connection and stop re-connect loop."""
        self._is_closing = True
        self._shutdown_entities()  # bug

        for cb in self._call_on_close:
            cb()

        if self._connect_task is not None:
            self._connect_task.cancel()
            await self._connect_task
            self._connect_task = None
        if self._interface is not None:
            await self._interface.close()
            self._interface = None
        self.debug("Closed connection", force=True)

    async def _async_reconnect(self):
        while not self._is_closing and not self.connected:
            await asyncio.sleep(5)

    async def _shutdown_entities(self, exc=""):
        """Shutdown device entities"""
        if not self._is_closing:
            await asyncio.sleep(3 + self._sleep_time)
            if self.connected:
                return

        signal = f"localtuya_{self._device_config['id']}"
        dispatcher_send(self._hass, signal, None)

        if self._is_closing:
            return
        self.info(f"Disconnected due to: {exc}")

    def status_updated(self, status: dict):
        self._last_update_time = int(time.time())
        self._status.update(status)

    def disconnected(self, exc=""):
        """Device disconnected."""
        self._interface = None
        if self._connect_task is not None:
            self._connect_task.cancel("Device disconnected")
            self._connect_task = None
        if self._is_closing:
            return
        self._call_on_close.append(asyncio.create_task(self._async_reconnect()).cancel)
        self._call_on_close.append(
            asyncio.create_task(self._shutdown_entities(exc=exc)).cancel
        )
