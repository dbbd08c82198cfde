"""Polestar API wrapper of the integration."""
from homeassistant.core import HomeAssistant

from .pypolestar.polestar import PolestarApi


class Polestar:
    """Polestar EV integration."""

    def __init__(self, hass: HomeAssistant, username: str, password: str) -> None:
        self.id = None
        self.name = "Polestar "
        self.polestarApi = PolestarApi(username, password)
        self.vin = None

    async def init(self) -> None:
        await self.polestarApi.init()
