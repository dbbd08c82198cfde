"""The small coroutines convert adds to a module, once each, so the converted program keeps
what the threaded one had: the number of calls in flight, and one thread per blocking call.

``asyncio.to_thread`` is not used: it shares the default executor's ``min(32, CPUs + 4)``
threads, so 24 thread-per-task downloads would run six at a time (review defect #11), and a
pool of 20 workers would shrink to 6. ``in_thread`` starts a thread of its own per call instead,
and a pool's ``max_workers`` becomes an ``asyncio.Semaphore`` the coroutine holds while it runs
(review defect #7), whether the work stays synchronous or becomes a coroutine.
"""

from __future__ import annotations

import libcst as cst

from advisor.codemod.base import Names, Plan

IN_THREAD = '''
async def {name}(limit, func, /, *args, **kwargs):
    """Run func in a thread of its own, as the thread it replaces did (at most limit's count at
    once when limit is a semaphore): asyncio.to_thread's shared pool has only a few threads."""
    loop = asyncio.get_running_loop()
    done = loop.create_future()

    def settle(set_outcome, value):
        if not done.done():
            set_outcome(value)

    def run():
        try:
            value = func(*args, **kwargs)
        except BaseException as exc:
            loop.call_soon_threadsafe(settle, done.set_exception, exc)
        else:
            loop.call_soon_threadsafe(settle, done.set_result, value)

    if limit is None:
        threading.Thread(target=run).start()
        return await done
    async with limit:
        threading.Thread(target=run).start()
        return await done
'''

LIMITED = '''
async def {name}(limit, coroutine):
    """Await coroutine holding limit: the old pool's max_workers bound stays in force."""
    async with limit:
        return await coroutine
'''

#: The default ``max_workers`` of ``ThreadPoolExecutor`` (Python 3.8+), spelt as code.
DEFAULT_WORKERS = "min(32, (os.cpu_count() or 1) + 4)"


def in_thread(out: Plan, names: Names) -> str:
    """The name of the module's ``in_thread`` helper, added on first use."""
    out.add_imports |= {"asyncio", "threading"}
    return _add(out, names, "in_thread", IN_THREAD)


def limited(out: Plan, names: Names) -> str:
    """The name of the module's ``limited`` helper, added on first use."""
    out.add_imports.add("asyncio")
    return _add(out, names, "limited", LIMITED)


def _add(out: Plan, names: Names, base: str, text: str) -> str:
    existing = out.helper_names.get(base)
    if existing:
        return existing
    name = names.fresh(base)
    helper = cst.parse_statement(text.format(name=name))
    blank = cst.EmptyLine()
    out.helpers.append(helper.with_changes(leading_lines=[blank, blank]))
    out.helper_names[base] = name
    return name


def add_helper(out: Plan, names: Names, base: str, text: str) -> str:
    """Add the helper *text* (``{name}`` in it) once per module under a fresh name: for the
    helper modules of other idioms (`waits`)."""
    return _add(out, names, base, text)
