"""Storage of the room climate integration (reproduction, see __init__.py)."""
from homeassistant.helpers.storage import Store

from .const import DOMAIN


class RoomMindStore:
    def __init__(self, hass) -> None:
        self._store = Store(hass, 1, DOMAIN)
        self.data: dict = {}

    async def async_load(self) -> None:
        self.data = await self._store.async_load() or {}
