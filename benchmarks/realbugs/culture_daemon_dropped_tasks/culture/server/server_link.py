import asyncio


class ServerLink:
    def __init__(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter, server: object) -> None:
        self.reader, self.writer, self.server = reader, writer, server

    async def handle(self) -> None:
        while await self.reader.readline():
            pass
