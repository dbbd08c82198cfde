"""Websocket coordinator of the 3D printer integration (reproduction, see __init__.py)."""
import asyncio


class KCoordinator:
    def __init__(self, hass, host: str, power_switch=None) -> None:
        self.hass = hass
        self.host = host
        self.power_switch = power_switch
        self.data = {}
        self._connected = asyncio.Event()

    async def async_start(self) -> None:
        self.hass.async_create_background_task(self._run(), name=f"creality {self.host}")

    async def _run(self) -> None:
        self._connected.set()

    async def async_stop(self) -> None:
        self._connected.clear()

    def power_is_off(self) -> bool:
        return False

    async def wait_first_connect(self, timeout: float) -> bool:
        try:
            await asyncio.wait_for(self._connected.wait(), timeout)
        except TimeoutError:
            return False
        return True
