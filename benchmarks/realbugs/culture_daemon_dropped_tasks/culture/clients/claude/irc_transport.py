import asyncio
from collections.abc import Callable


class IRCTransport:
    """Reads the IRC stream and calls the daemon's plain callbacks from its reader task."""

    def __init__(
        self,
        host: str,
        port: int,
        nick: str,
        on_mention: Callable[[str, str, str], None],
        on_roominvite: Callable[[str, str], None],
    ) -> None:
        self.host, self.port, self.nick = host, port, nick
        self.on_mention = on_mention
        self.on_roominvite = on_roominvite

    async def connect(self) -> None:
        reader, _writer = await asyncio.open_connection(self.host, self.port)
        while line := (await reader.readline()).decode().strip():
            prefix, command, *rest = line.split(" ", 3)
            if command == "PRIVMSG" and self.nick in line:
                self.on_mention(rest[0], prefix.lstrip(":"), rest[-1].lstrip(":"))
            elif command == "ROOMINVITE":
                self.on_roominvite(rest[0], rest[-1])
