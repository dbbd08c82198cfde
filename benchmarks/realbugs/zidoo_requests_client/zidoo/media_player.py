"""The integration's entity calls the client from a coroutine on the event loop."""

from .zidoorc import ZidooRC


class ZidooPlayer:
    def __init__(self, host: str) -> None:
        self._player = ZidooRC(host)
        self._state = None

    async def async_update(self) -> None:
        status = self._player.get_status()  # bug
        self._state = status.get("status")
