"""Smart Bridge client of a Lutron Caseta library (asyncio).

Reproduction of the shape fixed in https://github.com/gurumitts/pylutron-caseta/pull/170 (commit
b48d7b1, "Fix create_tls doing blocking I/O in the event loop to load certs"): the synchronous
classmethod create_tls loads the CA file and the client key pair into an SSLContext on the
caller's thread; its only callers run on the event loop (the constructor it returns needs a running
loop), so Home Assistant warned about load_verify_locations and load_cert_chain on the loop. The
fix built the context with run_in_executor inside the async _connect.
"""
import asyncio
import socket
import ssl
from typing import Optional

from .leap import LeapProtocol, open_connection

LEAP_PORT = 8081


class Smartbridge:
    def __init__(self, connect):
        self._connect = connect
        self._subscribers = {}
        self._login_task: Optional[asyncio.Task] = None
        self._login_completed: asyncio.Future = asyncio.get_running_loop().create_future()
        self._leap: Optional[LeapProtocol] = None
        self._monitor_task: Optional[asyncio.Task] = None

    async def connect(self):
        """Connect to the bridge."""
        self._monitor_task = asyncio.get_running_loop().create_task(self._monitor())
        await self._login_completed

    async def _monitor(self):
        self._leap = await self._connect()
        self._login_completed.set_result(None)

    @classmethod
    def create_tls(cls, hostname, keyfile, certfile, ca_certs, port=LEAP_PORT):
        """Initialize the Smart Bridge using TLS over IPv4."""
        ssl_context = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
        ssl_context.minimum_version = ssl.TLSVersion.TLSv1_2
        ssl_context.load_verify_locations(ca_certs)  # bug
        ssl_context.load_cert_chain(certfile, keyfile)  # bug
        ssl_context.verify_mode = ssl.CERT_REQUIRED

        async def _connect():
            res = await open_connection(hostname, port, server_hostname="", ssl=ssl_context, family=socket.AF_INET)
            return res

        return cls(_connect)

    def add_subscriber(self, device_id: str, callback_):
        self._subscribers[device_id] = callback_
