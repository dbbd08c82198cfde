"""Lightweight Tribler service.

Reproduction of the shape fixed in https://github.com/Tribler/tribler/issues/7299 (commit
0b5c04dbeeff00563d6c3202279adbfa4741e9f8, "Fix `asyncio.create_task()` calls", pull request #7300):
tasks whose only reference is the event loop's weak one, so they can be collected before they finish
(and their exceptions go unreported): the REST route MetadataEndpoint.get_torrent_health
(components/metadata_store/restapi/metadata_endpoint.py) starts the health check with
`create_task(...)` (imported `from asyncio import create_task`) and drops it, Session
(components/session.py) drops the task of its exception_reraiser, and this service drops the tasks of
start_tribler and _terminate_by_timeout and keeps the shutdown task only in a local. The fix kept them
in an AsyncGroup (or an attribute); the five lines reproduced here are marked (the same fix in
hidden_peer_discovery.py, speed_test_exit.py and the events endpoint is left out).
"""
import asyncio
import logging
import signal
from pathlib import Path

from tribler.core.components.session import Session


class TinyTriblerService:
    """Runs a few components without the GUI, for experiments."""

    def __init__(self, components, timeout_in_sec=None, state_dir=Path("/tmp/tribler")):
        self.logger = logging.getLogger("TinyTriblerService")
        self.components = components
        self.timeout_in_sec = timeout_in_sec
        self.state_dir = state_dir.absolute()
        self.session = None

    async def on_tribler_started(self):
        """Hook for subclasses."""

    def run(self):
        async def start_tribler():
            self.session = Session(self.state_dir, self.components)
            await self.session.start_components()
            if self.timeout_in_sec:
                asyncio.create_task(self._terminate_by_timeout())  # bug
            for sig in (signal.SIGINT, signal.SIGTERM):
                signal.signal(sig, lambda *_: self._graceful_shutdown())
            await self.on_tribler_started()

        loop = asyncio.get_event_loop()
        loop.create_task(start_tribler())  # bug
        try:
            loop.run_forever()
        finally:
            loop.close()

    async def _terminate_by_timeout(self):
        await asyncio.sleep(self.timeout_in_sec)
        self.logger.info("time is up")
        self._graceful_shutdown()

    def _graceful_shutdown(self):
        task = asyncio.create_task(self.session.shutdown())  # bug
        task.add_done_callback(lambda _: asyncio.get_running_loop().stop())
