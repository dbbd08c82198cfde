import asyncio
import logging
from functools import partial

from .yutils import put_updates, sync


class WebsocketProvider:
    def __init__(self, ydoc, websocket, log=None):
        self._ydoc = ydoc
        self._websocket = websocket
        self.log = log or logging.getLogger(__name__)
        self._update_queue = asyncio.Queue()
        ydoc.observe_after_transaction(partial(put_updates, self._update_queue, ydoc))
        asyncio.create_task(self._run())  # bug

    async def _run(self):
        await sync(self._ydoc, self._websocket, self.log)
