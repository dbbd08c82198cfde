import asyncio


class IRCd:
    def __init__(self) -> None:
        self.links: dict[str, object] = {}

    async def connect_to_peer(self, host: str, port: int) -> object:
        """Initiate an outbound S2S connection."""
        from culture.server.server_link import ServerLink

        reader, writer = await asyncio.open_connection(host, port)
        link = ServerLink(reader, writer, self)
        asyncio.create_task(link.handle())  # bug
        return link
