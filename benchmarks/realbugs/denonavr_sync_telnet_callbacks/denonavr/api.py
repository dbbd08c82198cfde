import asyncio
import logging
from collections.abc import Awaitable, Callable

_LOGGER = logging.getLogger(__name__)
TELNET_EVENTS = {"MV", "MU", "PW", "MS", "PS", "SI"}


class DenonAVRTelnetApi:
    """Reads the receiver's telnet stream and awaits each registered callback."""

    def __init__(self, host: str) -> None:
        self.host = host
        self._callbacks: dict[str, list[Callable[[str, str, str], Awaitable[None]]]] = {}

    def register_callback(self, event: str, callback: Callable[[str, str, str], Awaitable[None]]) -> None:
        if event != "ALL" and event not in TELNET_EVENTS:
            raise ValueError(f"{event} is not a valid callback type.")
        self._callbacks.setdefault(event, []).append(callback)

    async def _listen(self) -> None:
        reader, _writer = await asyncio.open_connection(self.host, 23)
        while data := await reader.readuntil(b"\r"):
            await self._process_event(data.decode().strip())

    async def _process_event(self, message: str) -> None:
        event, parameter = message[:2], message[2:]
        if event in TELNET_EVENTS:
            await self._run_callbacks(event, "Main", parameter)

    async def _run_callbacks(self, event: str, zone: str, parameter: str) -> None:
        for callback in self._callbacks.get(event, []) + self._callbacks.get("ALL", []):
            try:
                await callback(zone, event, parameter)
            except Exception as err:  # a bad callback must not stop the others
                _LOGGER.error("Event callback triggered an unhandled exception %s", err)
