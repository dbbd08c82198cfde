"""Asyncio client that sends request metrics and app info to the hub.

Reproduction of the shape fixed in https://github.com/apitally/apitally-py/pull/34 ("Hold
references to asyncio task objects"): set_app_info, a sync method called from the framework
middleware at startup, scheduled asyncio.create_task(self._set_app_info_task()) and dropped the
task, which the loop only references weakly. The fix kept a reference to it.
"""

import asyncio
from typing import Any, Dict, Optional

import httpx

from apitally.client.base import ApitallyClientBase


class ApitallyClient(ApitallyClientBase):
    def __init__(self, client_id: str, env: str) -> None:
        super().__init__(client_id=client_id, env=env)
        self._sync_loop_task: Optional[asyncio.Task[Any]] = None

    def get_http_client(self) -> httpx.AsyncClient:
        return httpx.AsyncClient(base_url="https://hub.example", timeout=10)

    def start_sync_loop(self) -> None:
        self._sync_loop_task = asyncio.create_task(self._run_sync_loop())

    async def _run_sync_loop(self) -> None:
        while True:
            await asyncio.sleep(60)

    def set_app_info(self, app_info: Dict[str, Any]) -> None:
        self._app_info_sent = False
        self._app_info_payload = self.get_info_payload(app_info)
        asyncio.create_task(self._set_app_info_task())  # bug

    async def _set_app_info_task(self) -> None:
        # A second, real problem of the project's code, not the one its fix was about: a
        # client per call builds its SSL context on the loop (scan reports it).
        async with self.get_http_client() as client:  # also
            if self._app_info_payload is not None:
                await client.post(url="/info", json=self._app_info_payload)
                self._app_info_sent = True
