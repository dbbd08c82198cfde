"""A websocket client for a game server's companion API, used from bots on asyncio."""

import logging
import time
from threading import Thread

import websocket

CONNECTED = 1
PENDING_CONNECTION = 2
CLOSED = 3


class RustWebsocket(websocket.WebSocket):
    def __init__(self, server_id, on_failure, delay):
        self.server_id = server_id
        self.thread = None
        self.connection_status = CLOSED
        self.logger = logging.getLogger("rustplus.py")
        self.on_failure = on_failure
        self.delay = delay
        super().__init__()

    async def connect(self, retries=float("inf")) -> None:
        attempts = 0
        while True:
            if attempts >= retries:
                raise ConnectionAbortedError("Reached Retry Limit")
            self.connection_status = PENDING_CONNECTION
            try:
                super().connect(f"ws://{self.server_id.ip}:{self.server_id.port}")
                break
            except Exception:
                if self.on_failure is not None:
                    await self.on_failure()
                self.logger.warning("Cannot connect to server. Retrying in %s second/s", self.delay)
                attempts += 1
                time.sleep(self.delay)  # bug
        self.connection_status = CONNECTED
        self.thread = Thread(target=self.run, name="WebsocketThread", daemon=True)
        self.thread.start()

    def run(self):
        while self.connection_status == CONNECTED:
            self.recv()
