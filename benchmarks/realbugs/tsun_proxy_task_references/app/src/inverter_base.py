"""One inverter connection and its optional forwarding connection to the TSUN cloud."""
import asyncio
import logging

from async_stream import AsyncStreamClient, AsyncStreamServer, StreamPtr
from cnf.config import Config
from proxy import Proxy


class InverterBase(Proxy):
    def __init__(self, reader, writer, config_id: str, prot_class):
        self.config_id = config_id
        self.prot_class = prot_class
        self.remote = StreamPtr(None)
        ifc = AsyncStreamServer(reader, writer, self.create_remote, self.remote)
        self.local = StreamPtr(prot_class(self, ifc, server_side=True), ifc)

    def __enter__(self):
        return self

    def __exit__(self, exc_type, exc, tb) -> None:
        self._drop_remote()

    def _drop_remote(self) -> None:
        self.remote.stream = None
        self.remote.ifc = None

    async def create_remote(self) -> None:
        """Open the forwarding connection to the cloud and start reading it."""
        cloud = Config.get(self.config_id)
        addr = (cloud['host'], cloud['port'])
        try:
            reader, writer = await asyncio.open_connection(*addr)
        except (ConnectionRefusedError, TimeoutError) as error:
            logging.info('cloud connect failed: %s', error)
            return
        self.remote.ifc = AsyncStreamClient(reader, writer, self._drop_remote)
        self.remote.stream = self.prot_class(self, self.remote.ifc, server_side=False)
        asyncio.create_task(self.remote.ifc.client_loop(addr))  # bug

    async def disc(self) -> None:
        if self.remote.ifc:
            await self.remote.ifc.disc()
        await self.local.ifc.disc()
