import abc
import asyncio
import logging
import random

import websockets

logger = logging.getLogger(__name__)


class MinerConnectionError(Exception):
    pass


class AbstractMinerClient(abc.ABC):
    def __init__(self, loop: asyncio.AbstractEventLoop, miner_name: str):
        self.debounce_counter = 0
        self.max_debounce_count: int | None = 5
        self.loop = loop
        self.miner_name = miner_name
        self.ws = None
        self.read_messages_task: asyncio.Task | None = None
        self.deferred_send_tasks: list[asyncio.Task] = []

    @abc.abstractmethod
    def miner_url(self) -> str: ...

    @abc.abstractmethod
    async def handle_message(self, msg: str) -> None: ...

    async def __aenter__(self):
        await self.await_connect()
        return self

    async def __aexit__(self, exc_type, exc_val, exc_tb):
        for t in self.deferred_send_tasks:
            t.cancel()
        if self.read_messages_task is not None and not self.read_messages_task.done():
            self.read_messages_task.cancel()
        if self.ws is not None:
            await self.ws.close()

    async def await_connect(self):
        while True:
            if self.max_debounce_count is not None and self.debounce_counter > self.max_debounce_count:
                raise MinerConnectionError(f"Could not connect to miner {self.miner_name}")
            if self.debounce_counter:
                await asyncio.sleep(2**self.debounce_counter + random.random())
            try:
                self.ws = await websockets.connect(self.miner_url(), max_size=50 * (2**20))  # also
                self.read_messages_task = self.loop.create_task(self.read_messages())
                return
            except (websockets.WebSocketException, OSError) as ex:
                self.debounce_counter += 1
                logger.info(f"Could not connect to miner {self.miner_name}: {ex!r}")

    async def send_model(self, payload: str) -> None:
        if self.ws is None:
            await self.await_connect()
        await self.ws.send(payload)

    def deferred_send_model(self, payload: str) -> None:
        task = self.loop.create_task(self.send_model(payload))
        self.deferred_send_tasks.append(task)

    async def read_messages(self):
        while True:
            try:
                msg = await self.ws.recv()
            except websockets.WebSocketException as ex:
                self.debounce_counter += 1
                logger.info(f"Connection to miner {self.miner_name} lost: {ex}")
                self.loop.create_task(self.await_connect())  # bug
                return
            await self.handle_message(msg)
