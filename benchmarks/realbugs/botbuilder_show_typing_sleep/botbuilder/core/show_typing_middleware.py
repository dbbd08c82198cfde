"""Middleware that sends 'typing' activities while the bot works on a message.

Reproduction of the shape fixed in https://github.com/microsoft/botbuilder-python/pull/888
(issue https://github.com/microsoft/botbuilder-python/issues/845): the `delay` decorator wrapped
the callback in an async function that slept with time.sleep (blocking the event loop for the
delay), and the repeating callback called the async start_interval without awaiting it. The fix
switched to asyncio.sleep and asyncio.ensure_future.
"""

import time
from functools import wraps


def delay(span=0.0):
    def wrap(func):
        @wraps(func)
        async def delayed():
            time.sleep(span)  # bug
            await func()

        return delayed

    return wrap


class Timer:
    clear_timer = False

    async def set_timeout(self, func, time):
        @delay(time)
        async def some_fn():
            if not self.clear_timer:
                await func()

        await some_fn()
        return False

    def set_clear_timer(self):
        self.clear_timer = True


class ShowTypingMiddleware:
    def __init__(self, delay: float = 0.5, period: float = 2.0):
        self._delay = delay
        self._period = period

    async def on_turn(self, context, logic):
        finished = False
        timer = Timer()

        async def start_interval(context, delay, period):
            async def aux():
                if not finished:
                    await context.send_activity({"type": "typing"})
                    start_interval(context, period, period)  # bug

            await timer.set_timeout(aux, delay)

        def stop_interval():
            nonlocal finished
            finished = True
            timer.set_clear_timer()

        if context.activity.type == "message":
            await start_interval(context, self._delay, self._period)

        result = await logic()
        stop_interval()
        return result
