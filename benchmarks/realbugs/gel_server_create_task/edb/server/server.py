"""The database server: reacts to system events with background tasks.

Reproduction of the shape fixed in https://github.com/geldata/gel/pull/3904 ("Remember the created
Task until done"): Server.create_task(coro, *, interruptable) returned `self.__loop.create_task(coro)`
for interruptable tasks (the loop saved in __init__ from asyncio.get_running_loop()), and the sync
notification handlers called `self.create_task(task(), interruptable=True)` as a statement on a
nested coroutine: nobody kept the task, which the loop references only weakly. The fix kept every
created task in a set until done.
"""

import asyncio
from typing import Optional


class Server:
    _task_group: Optional[object]

    def __init__(self, *, task_group=None):
        self.__loop = asyncio.get_running_loop()
        self._task_group = task_group
        self._accept_new_tasks = False

    async def introspect_db(self, dbname):
        await asyncio.sleep(0)

    def _on_remote_ddl(self, dbname):
        if not self._accept_new_tasks:
            return

        # Triggered by a postgres notification event 'schema-changes'
        async def task():
            await self.introspect_db(dbname)

        self.create_task(task(), interruptable=True)  # bug

    def _on_remote_database_config_change(self, dbname):
        if not self._accept_new_tasks:
            return

        # Triggered by a postgres notification event 'database-config-changes'
        async def task():
            await self.introspect_db(dbname)

        self.create_task(task(), interruptable=True)  # bug

    def create_task(self, coro, *, interruptable):
        # Interruptable tasks are regular asyncio tasks that may be interrupted
        # when the event loop stops; the others are awaited by the task group
        # before the server stops.
        if self._accept_new_tasks:
            if interruptable:
                return self.__loop.create_task(coro)
            else:
                return self._task_group.create_task(coro)
        else:
            raise RuntimeError("task cannot be created at this time")
