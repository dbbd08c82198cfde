import asyncio
import logging


class SignalBot:
    def __init__(self, config: dict):
        self.config = config
        self._logger = logging.getLogger("signalbot")
        self._event_loop = asyncio.get_event_loop()
        self._q: asyncio.Queue = asyncio.Queue()

    def start(self) -> None:
        self._event_loop.create_task(self._rerun_on_exception(self._async_post_init))  # bug
        self._event_loop.run_forever()

    async def _async_post_init(self) -> None:
        await self._produce_consume_messages()

    async def _produce_consume_messages(self, producers: int = 1, consumers: int = 3) -> None:
        for n in range(producers):
            asyncio.create_task(self._rerun_on_exception(self._produce, n))  # bug
        for n in range(consumers):
            asyncio.create_task(self._rerun_on_exception(self._consume, n))  # bug

    async def _rerun_on_exception(self, coro, *args):
        while True:
            try:
                await coro(*args)
            except Exception:
                self._logger.exception("task failed, restarting")
                await asyncio.sleep(1)

    async def _produce(self, name) -> None:
        while True:
            await self._q.put(name)
            await asyncio.sleep(1)

    async def _consume(self, name) -> None:
        while True:
            item = await self._q.get()
            self._logger.info("consumer %s got %s", name, item)
            self._q.task_done()
