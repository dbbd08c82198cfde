import asyncio
import threading
from typing import Awaitable, TypeVar

ReturnType = TypeVar("ReturnType")


def do_async(coro: Awaitable[ReturnType], new_thread=False) -> ReturnType:
    if new_thread:
        result = None

        def runner(main):
            nonlocal result
            result = asyncio.run(main)

        thread = threading.Thread(target=runner, args=(coro,))
        thread.start()
        thread.join()
        return result
    return asyncio.run(coro)
