"""Stand-in for python-yarbo: the local MQTT client of a Yarbo robot."""
import asyncio
import importlib.metadata

from yarbo.exceptions import YarboConnectionError


class YarboLocalClient:
    def __init__(self, broker: str, port: int = 1883) -> None:
        self.broker = broker
        self.port = port
        self._writer = None

    async def connect(self) -> None:
        # resolving the broker name goes through the idna codec, whose package reads its dist-info METADATA
        transport_version = importlib.metadata.version("idna")
        try:
            _reader, self._writer = await asyncio.open_connection(self.broker, self.port)
        except OSError as err:
            raise YarboConnectionError(f"{self.broker}:{self.port} (idna {transport_version})") from err

    async def disconnect(self) -> None:
        if self._writer is not None:
            self._writer.close()
            await self._writer.wait_closed()
        self._writer = None
