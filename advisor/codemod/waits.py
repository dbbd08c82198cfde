"""The coroutines that stand in for ``concurrent.futures``' ways of waiting, added to a
converted module once each (as `helpers` adds ``in_thread``), so that the converted code waits
the way the pool's did on every target version:

* ``as_completed`` over tasks that must stay themselves (a dict keyed by future, the docs'
  ``future_to_url[future]``): before Python 3.13 ``asyncio.as_completed`` yields new
  awaitables, which no dict finds; the helper yields the tasks, in completion order.
* ``wait(fs, timeout, return_when)``: ``asyncio.wait`` with the same constants (asyncio's are
  concurrent.futures'), except that no futures at all is not an error.
* ``pool.map(f, *iterables, timeout=t)`` read at once: results in order, the first error in
  that order, ``concurrent.futures.TimeoutError`` at the deadline, calls not started then
  cancelled, as the pool's result iterator did; the running ones join the tasks awaited where
  the pool shut down (the pool's shutdown waited for them).
"""

from __future__ import annotations

from advisor.codemod.base import Names, Plan
from advisor.codemod.helpers import add_helper

COMPLETED = '''
async def {name}(tasks):
    """Yield the tasks themselves as they finish, as concurrent.futures.as_completed yielded
    its futures: before Python 3.13 asyncio.as_completed yields new awaitables instead, which
    a dict keyed by task would not find."""
    tasks = set(tasks)
    finished = asyncio.Queue()
    for task in tasks:
        task.add_done_callback(finished.put_nowait)
    for _ in tasks:
        yield await finished.get()
'''

WAIT = '''
async def {name}(tasks, timeout=None, return_when=asyncio.ALL_COMPLETED):
    """concurrent.futures.wait for tasks: the same (done, not_done) sets, also when there is
    no task at all (asyncio.wait raises ValueError then)."""
    tasks = set(tasks)
    if not tasks:
        return set(), set()
    return await asyncio.wait(tasks, timeout=timeout, return_when=return_when)
'''

MAP_WITHIN = '''
async def {name}(pending, timeout, limit, func, /, *iterables):
    """Executor.map(func, *iterables, timeout=timeout) read at once: the results in order, or
    the first error in that order (TimeoutError when they are not all in by the deadline),
    and then the calls not started yet are cancelled, as the pool's map did; the running ones
    go on in pending, which is awaited where the pool used to shut down."""
    loop = asyncio.get_running_loop()
    deadline = None if timeout is None else loop.time() + timeout
    running = set()

    async def call(*args):
        async with limit:
            running.add(asyncio.current_task())
            return await func(*args)

    tasks = [asyncio.create_task(call(*args)) for args in zip(*iterables)]
    pending.extend(tasks)
    results = []
    try:
        for task in tasks:
            left = None if deadline is None else max(0, deadline - loop.time())
            try:
                results.append(await asyncio.wait_for(asyncio.shield(task), left))
            except asyncio.TimeoutError:
                if task.done():
                    raise
                raise concurrent.futures.TimeoutError from None
    except BaseException:
        for task in tasks:
            if task not in running:
                task.cancel()
        raise
    return results
'''


def completed(out: Plan, names: Names) -> str:
    """The name of the module's tasks-in-completion-order helper, added on first use."""
    out.add_imports.add("asyncio")
    return add_helper(out, names, "completed", COMPLETED)


def wait(out: Plan, names: Names) -> str:
    """The name of the module's ``wait`` helper, added on first use."""
    out.add_imports.add("asyncio")
    return add_helper(out, names, "wait_tasks", WAIT)


def map_within(out: Plan, names: Names) -> str:
    """The name of the module's ``map(..., timeout=)`` helper, added on first use."""
    out.add_imports |= {"asyncio", "concurrent.futures"}
    return add_helper(out, names, "map_within", MAP_WITHIN)
