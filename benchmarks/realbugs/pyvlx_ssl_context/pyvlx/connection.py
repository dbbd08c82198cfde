"""TLS connection to a KLF 200 gateway.

Reproduction of the shape fixed in https://github.com/Julius2342/pyvlx/pull/444: the async connect
passed ssl=self.create_ssl_context() to create_connection; the staticmethod built its context with
ssl.create_default_context(...), which loads the system certificates from disk on the loop.
"""

import asyncio
import ssl


class TCPTransport(asyncio.Protocol):
    def __init__(self, frame_received_cb) -> None:
        self.frame_received_cb = frame_received_cb

    def data_received(self, data: bytes) -> None:
        self.frame_received_cb(data)


class Connection:
    def __init__(self, loop: asyncio.AbstractEventLoop, host: str, port: int = 51200) -> None:
        self.loop = loop
        self.host = host
        self.port = port
        self.transport = None
        self.connected = False

    async def connect(self) -> None:
        tcp_client = TCPTransport(self.frame_received_cb)
        self.transport, _ = await self.loop.create_connection(
            lambda: tcp_client,
            host=self.host,
            port=self.port,
            ssl=self.create_ssl_context(),  # bug
        )
        self.connected = True

    @staticmethod
    def create_ssl_context() -> ssl.SSLContext:
        ssl_context = ssl.create_default_context(ssl.Purpose.SERVER_AUTH)
        ssl_context.check_hostname = False
        ssl_context.verify_mode = ssl.CERT_NONE
        return ssl_context

    def frame_received_cb(self, data: bytes) -> None:
        pass
