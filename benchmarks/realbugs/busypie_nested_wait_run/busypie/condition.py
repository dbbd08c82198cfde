"""Condition builder of busypie (wait().until(...)).

Reproduction of the shape fixed in https://github.com/rockem/busypie/issues/34 ("Can't run nested
waits"), fixed by commit 9cc938011af6cde2760da3d8cdd6db4fbbccc818 ("[#34] Allow to use nested
waits"): the plain methods until / during run the AsyncConditionAwaiter.wait_for coroutine with
`run` (backports.asyncio's copy of asyncio.run). wait_for calls the user's condition through
self._func_check on the running loop, so a condition that itself calls wait().until(...) reaches
run() inside a running event loop ("asyncio.run() cannot be called from a running event loop"). The
fix ran each wait in its own thread (busypie/runner.py); the two run( lines are marked.
"""
from copy import deepcopy
from functools import partial

from backports.asyncio import run

from busypie.awaiter import AsyncConditionAwaiter
from busypie.durations import ONE_HUNDRED_MILLISECONDS, SECOND

DEFAULT_MAX_WAIT_TIME = 10 * SECOND
DEFAULT_POLL_INTERVAL = ONE_HUNDRED_MILLISECONDS
DEFAULT_POLL_DELAY = ONE_HUNDRED_MILLISECONDS


def time_value_operator(value, unit=SECOND, visitor=None):
    return visitor(value * unit)


class ConditionBuilder:
    def __init__(self, condition=None):
        self._condition = Condition() if condition is None else condition
        self.at_most = partial(time_value_operator, visitor=partial(self._time_property, name="wait_time_in_secs"))
        self.poll_interval = partial(time_value_operator, visitor=partial(self._time_property, name="poll_interval"))

    def _time_property(self, value, name):
        setattr(self._condition, name, value)
        return ConditionBuilder(deepcopy(self._condition))

    def wait(self):
        return ConditionBuilder(deepcopy(self._condition))

    def until(self, func):
        return run(self._wait_for(func, lambda f: f()))  # bug

    def _wait_for(self, func, checker):
        return AsyncConditionAwaiter(condition=self._condition, func_checker=checker).wait_for(func)

    def during(self, func):
        run(self._wait_for(func, lambda f: not f()))  # bug

    async def until_async(self, func):
        return await self._wait_for(func, lambda f: f())

    async def during_async(self, func):
        await self._wait_for(func, lambda f: not f())


class Condition:
    wait_time_in_secs = DEFAULT_MAX_WAIT_TIME
    ignored_exceptions = None
    poll_interval = DEFAULT_POLL_INTERVAL
    poll_delay = DEFAULT_POLL_DELAY
    description = None
