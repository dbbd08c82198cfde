"""Boilerplate for asyncio applications (reduced).

Reproduction of the shape fixed in https://github.com/cjrh/aiorun/issues/87 (PR #90, commit
bebb8b94b46b9e3ebf5c5bac32be79d9d662b8dc, "Ensure created task has a ref"): the plain function
shutdown_waits_for wraps the caller's coroutine in coro_proxy and schedules it with
loop.create_task(new_coro) without keeping the returned task; the event loop holds tasks only
weakly. The fix kept the task in a name. run() schedules the main coroutine the same way (the line
the issue pointed at, which the fix left as it was).
"""
import asyncio
import contextlib
import logging
import signal
from asyncio import AbstractEventLoop, CancelledError, get_event_loop
from concurrent.futures import Executor, ThreadPoolExecutor
from functools import partial
from typing import Callable, Coroutine, Optional
from weakref import WeakSet

__all__ = ["run", "shutdown_waits_for"]
logger = logging.getLogger("aiorun")

_DO_NOT_CANCEL_COROS = WeakSet()


def shutdown_waits_for(coro, loop=None):
    """Prevent coro from being cancelled during the shutdown sequence."""
    loop = loop or get_event_loop()
    fut = loop.create_future()  # This future will connect coro and the caller.

    async def coro_proxy():
        try:
            result = await coro
        except (CancelledError, Exception) as e:
            set_fut_done = partial(fut.set_exception, e)
        else:
            set_fut_done = partial(fut.set_result, result)

        if not fut.cancelled():
            set_fut_done()

    new_coro = coro_proxy()  # We'll taskify this one instead of coro.
    _DO_NOT_CANCEL_COROS.add(new_coro)  # The new task must not be cancelled.
    loop.create_task(new_coro)  # Make the task  # bug

    async def inner():
        return await fut

    return inner()


def run(
    coro: "Optional[Coroutine]" = None,
    *,
    loop: Optional[AbstractEventLoop] = None,
    shutdown_handler: Optional[Callable[[AbstractEventLoop], None]] = None,
    executor_workers: Optional[int] = None,
    executor: Optional[Executor] = None,
) -> None:
    """Start up the event loop, and wait for a signal to shut down."""
    if not loop:
        loop = asyncio.new_event_loop()
        asyncio.set_event_loop(loop)

    if coro:

        async def new_coro():
            with contextlib.suppress(asyncio.CancelledError):
                await coro

        loop.create_task(new_coro())  # also

    shutdown_handler = shutdown_handler or _shutdown_handler
    signal.signal(signal.SIGTERM, lambda *args: loop.call_soon_threadsafe(shutdown_handler, loop))

    if not executor:
        executor = ThreadPoolExecutor(max_workers=executor_workers)
    loop.set_default_executor(executor)
    try:
        loop.run_forever()
    except KeyboardInterrupt:
        logger.info("Got KeyboardInterrupt")
    finally:
        loop.close()


def _shutdown_handler(loop):
    loop.stop()
