"""PitBoss grill API (reproduction, see grills.py)."""
import asyncio

from .grills import Grill, get_grill


class PitBoss:
    def __init__(self, conn, grill_model: str) -> None:
        self._spec: Grill = get_grill(grill_model)
        self._conn = conn
        self._lock = asyncio.Lock()
        self._state_callbacks = []

    async def start(self):
        await self._conn.connect()

    async def subscribe_state(self, callback):
        async with self._lock:
            self._state_callbacks.append(callback)
