import asyncio

import nats


class Agent:
    def __init__(self):
        self._shutdown_event = asyncio.Event()
        self.heartbeat_task: asyncio.Task | None = None

    async def server_loop(self, psub):
        while not self._shutdown_event.is_set():
            try:
                msgs = await psub.fetch(1)
                [asyncio.create_task(msg.ack()) for msg in msgs]  # bug
            except nats.errors.TimeoutError:
                continue
