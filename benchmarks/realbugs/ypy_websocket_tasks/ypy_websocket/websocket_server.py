import asyncio
import logging
from typing import List, Optional

from .yutils import create_update_message


class YRoom:
    clients: List
    ystore: Optional[object]

    def __init__(self, ready: bool = True, ystore=None, log=None):
        self.ready = ready
        self.ystore = ystore
        self.log = log or logging.getLogger(__name__)
        self._update_queue: asyncio.Queue = asyncio.Queue()
        self.clients = []
        self._broadcast_task = asyncio.create_task(self._broadcast_updates())

    async def _broadcast_updates(self):
        while True:
            update = await self._update_queue.get()
            for client in self.clients:
                message = create_update_message(update)
                asyncio.create_task(client.send(message))  # bug
            if self.ystore:
                asyncio.create_task(self.ystore.write(update))  # bug

    def _clean(self):
        self._broadcast_task.cancel()
