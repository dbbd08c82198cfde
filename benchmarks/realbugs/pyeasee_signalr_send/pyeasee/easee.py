"""Main client for the Easee account (reduced to the SignalR stream).

Reproduction of the shape fixed in https://github.com/nordicopen/pyeasee/issues/48 ("Blocking call
used in async method", pointing at sr_subscribe; commit 8e4e50e83c0581efbbf5989795cf204678410ad8,
"Calling send function in separate thread"): the coroutine sr_subscribe calls
self.sr_connection.send("SubscribeWithCurrentState", ...) on the event loop; sr_connection is a
signalrcore HubConnection (built with HubConnectionBuilder in _sr_connect, whose blocking start()
already runs in the executor), and its send writes to the websocket synchronously. The same fix
changed the send of _sr_open_cb, a callback signalrcore runs on its own thread (not marked).
"""
import asyncio
import logging

import aiohttp
from signalrcore.hub.errors import UnAuthorizedHubError
from signalrcore.hub_connection_builder import HubConnectionBuilder

_LOGGER = logging.getLogger(__name__)

SR_MIN_BACKOFF = 0
SR_INC_BACKOFF = 30


class Easee:
    def __init__(self, username, password, session: aiohttp.ClientSession = None):
        self.username = username
        self.password = password
        self.base = "https://api.easee.cloud"
        self.sr_base = "https://api.easee.cloud/hubs/chargers"
        self.token = {}
        self.sr_headers = {"User-Agent": "pyeasee SignalR client"}
        self.session = session if session is not None else aiohttp.ClientSession()
        self.sr_subscriptions = {}
        self.sr_connection = None
        self.sr_connected = False
        self._sr_backoff = SR_MIN_BACKOFF
        self.running_loop = None

    def _sr_token(self):
        return self.token.get("accessToken", "")

    def _sr_open_cb(self):
        """
        Signalr connected callback - called from signalr thread, internal use only
        """
        self._sr_backoff = SR_MIN_BACKOFF
        for id in self.sr_subscriptions:
            self.sr_connection.send("SubscribeWithCurrentState", [id, True])
        self.sr_connected = True

    def _sr_close_cb(self):
        _LOGGER.debug("SignalR stream disconnected")

    async def _sr_product_update_cb(self, stuff):
        for data in stuff:
            if data["mid"] in self.sr_subscriptions:
                await self.sr_subscriptions[data["mid"]](data["mid"], data["dataType"], data["id"], data["value"])

    async def _sr_connect(self):
        if self.sr_connection is not None:
            return

        self.running_loop = asyncio.get_running_loop()
        options = {"access_token_factory": self._sr_token, "headers": self.sr_headers}
        self.sr_connection = (
            HubConnectionBuilder()
            .with_url(self.sr_base, options)
            .with_automatic_reconnect({"type": "raw", "keep_alive_interval": 20, "reconnect_interval": SR_INC_BACKOFF})
            .build()
        )
        self.sr_connection.on_open(lambda: self._sr_open_cb())
        self.sr_connection.on_close(lambda: self._sr_close_cb())
        self.sr_connection.on("ProductUpdate", self._sr_product_update_cb)

        while True:
            """ The signalrcore lib start function does blocking I/O, so can not be called directly """
            try:
                await self.running_loop.run_in_executor(None, self.sr_connection.start)
            except UnAuthorizedHubError:
                await asyncio.sleep(SR_INC_BACKOFF)
                continue
            break

    async def sr_subscribe(self, product, callback):
        """
        Subscribe to signalr events for product, callback will be called as async callback(product_id, data_type, data_id, value)
        """
        if product.id in self.sr_subscriptions:
            return

        self.sr_subscriptions[product.id] = callback
        if self.sr_connected is True:
            self.sr_connection.send("SubscribeWithCurrentState", [product.id, True])  # bug
        else:
            await self._sr_connect()

    async def _sr_disconnect(self):
        if self.sr_connection is not None:
            self.sr_connection.stop()  # also
            self.sr_connection = None
