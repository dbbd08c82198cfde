"""zigpy's controller application: reacts to relay lists reported by the radio.

Reproduction of the shape fixed in https://github.com/zigpy/zigpy/pull/1192 ("Always store a
reference to task objects", commit ef175b7): the sync callback handle_relays (and the packet
handler beside it) started `asyncio.create_task(self._discover_unknown_device(nwk))` and dropped
the task; the fix keeps every task in self._tasks through a create_task helper.
"""
from __future__ import annotations

import asyncio
import logging

LOGGER = logging.getLogger(__name__)


class ControllerApplication:
    def __init__(self, config):
        self._config = config
        self.devices = {}

    def get_device(self, nwk):
        for dev in self.devices.values():
            if dev.nwk == nwk:
                return dev
        raise KeyError(nwk)

    def handle_relays(self, nwk, relays: list) -> None:
        """Called when a list of relaying devices is received."""
        try:
            device = self.get_device(nwk=nwk)
        except KeyError:
            LOGGER.warning("Received relays from an unknown device: %s", nwk)
            asyncio.create_task(self._discover_unknown_device(nwk))  # bug
        else:
            device.relays = relays

    async def _discover_unknown_device(self, nwk) -> None:
        await asyncio.sleep(0)
        LOGGER.debug("Discovering %s", nwk)
