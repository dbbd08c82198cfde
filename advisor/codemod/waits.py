"""The coroutines that stand in for ``concurrent.futures``' ways of waiting, added to a
converted module once each (as `helpers` adds ``in_thread``), so that the converted code waits
the way the pool's did on every target version:

* ``as_completed`` over tasks that must stay themselves (a dict keyed by future, the docs'
  ``future_to_url[future]``): before Python 3.13 ``asyncio.as_completed`` yields new
  awaitables, which no dict finds; the helper yields the tasks, in completion order.
* ``wait(fs, timeout, return_when)``: ``asyncio.wait`` with the same constants (asyncio's are
  concurrent.futures'), except that no futures at all is not an error.
* ``pool.submit``: a task that joins the list awaited where the pool shut down (in a
  ``finally``, as the pool's ``__exit__`` waited also when an exception left the block).
* ``pool.map(f, *iterables, timeout=t)``: every call starts at once, the results come one at a
  time in order (an async iterator), the first error in that order is raised when it is
  reached, ``concurrent.futures.TimeoutError`` at the deadline; when the reading stops early
  the calls not started are cancelled, as the pool's result iterator did; the running ones
  join the tasks awaited where the pool shut down (the pool's shutdown waited for them).
* ``zip()`` over such results and ordinary iterables, for ``for a, r in zip(xs, pool.map(...))``.
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

COMPLETED_WITHIN = '''
async def {name}(tasks, timeout):
    """concurrent.futures.as_completed(tasks, timeout) for tasks: the tasks themselves as
    they finish, and concurrent.futures.TimeoutError when they are not all finished within
    timeout seconds of the first step, as the pool's as_completed raised it."""
    tasks = set(tasks)
    finished = asyncio.Queue()
    for task in tasks:
        if task.done():
            finished.put_nowait(task)
        else:
            task.add_done_callback(finished.put_nowait)
    loop = asyncio.get_running_loop()
    deadline = None if timeout is None else loop.time() + timeout
    for given in range(len(tasks)):
        if not finished.empty():
            yield finished.get_nowait()
            continue
        left = None if deadline is None else max(0, deadline - loop.time())
        try:
            yield await asyncio.wait_for(finished.get(), left)
        except asyncio.TimeoutError:
            unfinished = len(tasks) - given
            message = "%d (of %d) futures unfinished" % (unfinished, len(tasks))
            raise concurrent.futures.TimeoutError(message) from None
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

SUBMIT = """
def {name}(pending, coroutine):
    \"\"\"pool.submit() on tasks: start the coroutine now and keep its task in pending, which is
    awaited where the pool used to shut down, also when an exception leaves the block (the
    pool's shutdown waited for every call submitted to it).\"\"\"
    task = asyncio.create_task(coroutine)
    pending.append(task)
    return task
"""

#: Executor.map on tasks, without and with ``timeout=`` (two texts, so that a map without a
#: timeout imports nothing for a TimeoutError it cannot raise).
MAP = """
def {name}(pending, limit, func, /, *iterables):
    \"\"\"Executor.map(func, *iterables) on tasks: every call starts now (at most limit's count
    at once) and joins pending, which is awaited where the pool used to shut down. The
    results come one at a time, in order, and the first error in that order is raised when
    it is reached; when the reading stops early (an error, a break, aclose()), the calls not
    started yet are cancelled, as the pool's map cancelled its futures.\"\"\"
    running = set()

    async def call(*args):
        async with limit:
            running.add(asyncio.current_task())
            return await func(*args)

    tasks = [asyncio.create_task(call(*args)) for args in zip(*iterables)]
    pending.extend(tasks)

    async def results():
        try:
            for task in tasks:
                yield await asyncio.shield(task)
        finally:
            for task in tasks:
                if task not in running:
                    task.cancel()

    return results()
"""

MAP_WITHIN = """
def {name}(pending, timeout, limit, func, /, *iterables):
    \"\"\"Executor.map(func, *iterables, timeout=timeout) on tasks: every call starts now (at
    most limit's count at once) and joins pending, which is awaited where the pool used to
    shut down. The results come one at a time, in order; the first error in that order is
    raised when it is reached, concurrent.futures.TimeoutError when a result is not in by
    the deadline; when the reading stops early, the calls not started yet are cancelled, as
    the pool's map cancelled its futures.\"\"\"
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    running = set()

    async def call(*args):
        async with limit:
            running.add(asyncio.current_task())
            return await func(*args)

    tasks = [asyncio.create_task(call(*args)) for args in zip(*iterables)]
    pending.extend(tasks)

    async def results():
        try:
            for task in tasks:
                left = max(0, deadline - loop.time())
                try:
                    yield await asyncio.wait_for(asyncio.shield(task), left)
                except asyncio.TimeoutError:
                    if task.done():
                        raise
                    raise concurrent.futures.TimeoutError from None
        finally:
            for task in tasks:
                if task not in running:
                    task.cancel()

    return results()
"""

ZIP = """
async def {name}(*iterables):
    \"\"\"zip() over a pool's results, which now come one at a time from an async iterator,
    beside ordinary iterables: it stops at the shortest, as zip() did.\"\"\"
    iterators = [aiter(it) if hasattr(it, "__aiter__") else iter(it) for it in iterables]
    while True:
        row = []
        for it in iterators:
            try:
                row.append(await anext(it) if hasattr(it, "__anext__") else next(it))
            except (StopIteration, StopAsyncIteration):
                return
        yield tuple(row)
"""


def completed(out: Plan, names: Names) -> str:
    """The name of the module's tasks-in-completion-order helper, added on first use."""
    out.add_imports.add("asyncio")
    return add_helper(out, names, "completed", COMPLETED)


def completed_within(out: Plan, names: Names) -> str:
    """The name of the module's ``as_completed(fs, timeout)`` helper, added on first use."""
    out.add_imports |= {"asyncio", "concurrent.futures"}
    return add_helper(out, names, "completed_within", COMPLETED_WITHIN)


def wait(out: Plan, names: Names) -> str:
    """The name of the module's ``wait`` helper, added on first use."""
    out.add_imports.add("asyncio")
    return add_helper(out, names, "wait_tasks", WAIT)


def submit(out: Plan, names: Names) -> str:
    """The name of the module's ``submit`` helper, added on first use."""
    out.add_imports.add("asyncio")
    return add_helper(out, names, "spawn", SUBMIT)


def pool_map(out: Plan, names: Names, *, timeout: bool) -> str:
    """The name of the module's ``map`` helper (with ``timeout=`` or not), added on first use."""
    out.add_imports.add("asyncio")
    if timeout:
        out.add_imports.add("concurrent.futures")
        return add_helper(out, names, "map_within", MAP_WITHIN)
    return add_helper(out, names, "pool_map", MAP)


def zip_results(out: Plan, names: Names) -> str:
    """The name of the module's async ``zip`` helper, added on first use."""
    return add_helper(out, names, "zip_async", ZIP)
