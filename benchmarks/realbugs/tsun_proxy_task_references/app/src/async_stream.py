"""Read loops of the inverter-side and cloud-side connections."""
import logging


class StreamPtr:
    def __init__(self, stream, ifc=None):
        self.stream = stream
        self.ifc = ifc


class AsyncStream:
    def __init__(self, reader, writer):
        self._reader = reader
        self._writer = writer

    async def loop(self) -> None:
        while await self._reader.read(4096):
            pass

    async def disc(self) -> None:
        self._writer.close()
        await self._writer.wait_closed()


class AsyncStreamServer(AsyncStream):
    def __init__(self, reader, writer, create_remote, remote: StreamPtr):
        super().__init__(reader, writer)
        self.create_remote = create_remote
        self.remote = remote

    async def server_loop(self) -> None:
        while data := await self._reader.read(4096):
            if not self.remote.stream:
                await self.create_remote()
            if self.remote.ifc:
                self.remote.ifc._writer.write(data)


class AsyncStreamClient(AsyncStream):
    def __init__(self, reader, writer, on_close):
        super().__init__(reader, writer)
        self.on_close = on_close

    async def client_loop(self, addr) -> None:
        await self.loop()
        logging.info('cloud connection %s closed', addr)
        self.on_close()
