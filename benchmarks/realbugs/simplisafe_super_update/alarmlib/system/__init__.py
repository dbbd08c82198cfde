"""Base alarm system: one update gathers the system and settings refreshes."""

from __future__ import annotations

import asyncio


class AlarmSystem:
    def __init__(self, api, system_id: int) -> None:
        self._api = api
        self.system_id = system_id

    async def _refresh_settings(self) -> None:
        await self._api.request("get", f"systems/{self.system_id}/settings")

    async def _refresh_system(self) -> None:
        """Refresh the subscription data the system properties are read from."""
        await self._api.refresh_subscription()

    async def update(self, *, include_system: bool = True, include_settings: bool = True) -> None:
        jobs = []
        if include_system:
            jobs.append(self._refresh_system())
        if include_settings:
            jobs.append(self._refresh_settings())
        await asyncio.gather(*jobs)
