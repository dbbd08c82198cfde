"""LEAP protocol connection of a Lutron bridge client (reproduction, see smartbridge.py)."""
import asyncio


class LeapProtocol:
    def __init__(self, reader, writer):
        self._reader = reader
        self._writer = writer

    def close(self):
        self._writer.close()


async def open_connection(host=None, port=None, **kwargs) -> LeapProtocol:
    reader, writer = await asyncio.open_connection(host, port, **kwargs)
    return LeapProtocol(reader, writer)
