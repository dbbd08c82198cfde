"""Rate-limited request handler of a Bitrix24 client (reproduction, see bitrix.py).

run() drives a coroutine on the event loop for the sync client; run_async() is the async path.
"""
import asyncio
import time
from collections import deque

import aiohttp

BITRIX_POOL_SIZE = 50
BITRIX_RPS = 2.0


class ServerRequestHandler:
    def __init__(self, webhook, verbose):
        self.webhook = webhook if webhook.endswith("/") else webhook + "/"
        self._verbose = verbose
        self.active_requests = set()
        self.session = None
        self.rr = deque()

    def run(self, coroutine):
        try:
            loop = asyncio.get_event_loop()
        except RuntimeError:
            asyncio.set_event_loop(asyncio.new_event_loop())
            loop = asyncio.get_event_loop()
        return loop.run_until_complete(self.run_async(coroutine))

    async def run_async(self, coroutine):
        if not self.active_requests and (not self.session or self.session.closed):
            self.session = aiohttp.ClientSession(raise_for_status=True)
        self.active_requests.add(coroutine)
        result = await coroutine
        self.active_requests -= {coroutine}
        if not self.active_requests and self.session and not self.session.closed:
            await self.session.close()
        return result

    async def single_request(self, method, params=None):
        await self._acquire()
        async with self.session.post(url=self.webhook + method, json=params) as response:
            return await response.json(encoding="utf-8")

    async def _acquire(self):
        if len(self.rr) >= BITRIX_POOL_SIZE:
            time_to_wait = 1 / BITRIX_RPS - (time.monotonic() - self.rr[0])
            if time_to_wait > 0:
                await asyncio.sleep(time_to_wait)
        self.rr.appendleft(time.monotonic())
