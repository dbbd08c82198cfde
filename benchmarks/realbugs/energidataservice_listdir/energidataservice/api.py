from .connectors import Connectors


class PriceApi:
    def __init__(self, hass):
        self._connectors = Connectors(hass)

    async def async_setup(self):
        await self._connectors.load_connectors()
