"""High-level API of a Bitrix24 REST client, sync (Bitrix) and async (BitrixAsync).

Reproduction of the shape reported in https://github.com/leshchenko1979/fast_bitrix24/issues/90
("Coroutine object is not subscriptable") and fixed in commit 990eebe: for a single params dict,
the async BitrixAsync.call returned `await self.srh.run_async(...)[0]`; the subscript binds before
the await, so it indexed the coroutine returned by the async run_async (srh.py) and raised
TypeError (the coroutine was never awaited). The sync Bitrix.call, copied from, indexes the result
of the sync run() and is fine. The fix awaited into a variable first.
"""
from collections.abc import Sequence

from .srh import ServerRequestHandler
from .user_request import CallUserRequest, GetAllUserRequest


class Bitrix:
    def __init__(self, webhook: str, verbose: bool = True):
        self.srh = ServerRequestHandler(webhook, verbose)

    def get_all(self, method: str, params: dict = None) -> list:
        return self.srh.run(GetAllUserRequest(self.srh, method, params).run())

    def call(self, method: str, items):
        if isinstance(items, Sequence):
            return self.srh.run(CallUserRequest(self.srh, method, items).run())
        elif isinstance(items, dict):
            return self.srh.run(CallUserRequest(self.srh, method, [items]).run())[0]
        else:
            raise TypeError(f"call() accepts either a list of params dicts or a single params dict, but got a {type(items)} instead")


class BitrixAsync:
    def __init__(self, webhook: str, verbose: bool = True):
        self.srh = ServerRequestHandler(webhook, verbose)

    async def get_all(self, method: str, params: dict = None) -> list:
        return await self.srh.run_async(GetAllUserRequest(self.srh, method, params).run())

    async def call(self, method: str, items):
        if isinstance(items, Sequence):
            return await self.srh.run_async(CallUserRequest(self.srh, method, items).run())
        elif isinstance(items, dict):
            return await self.srh.run_async(CallUserRequest(self.srh, method, [items]).run())[0]  # bug
        else:
            raise TypeError(f"call() accepts either a list of params dicts or a single params dict, but got a {type(items)} instead")
