"""Database helper of the bot (aiosqlite).

Reproduction of the shape fixed in https://github.com/Carberra/Carberretta/issues/86 (PR #91,
commit ddc405cc3ae30a2507b4c805f2f63aba7feaec79, "in db.py now using aiofiles to open build
script"): the coroutine executescript, awaited by connect() (itself awaited by the bot's on_connect
in bot/bot.py), opens and reads the SQL build script with the built-in open() and read() on the
event loop. The fix used aiofiles' open and `await script.read()`.
"""
import os

from aiosqlite import connect
from apscheduler.triggers.cron import CronTrigger


class Database:
    def __init__(self, bot):
        self.bot = bot
        self.path = f"{bot._dynamic}/database.db3"
        self.build_path = f"{bot._static}/build.sql"
        self._calls = 0

        bot.scheduler.add_job(self.commit, CronTrigger(second=0))

    async def connect(self):
        if not os.path.isdir(self.bot._dynamic):  # also
            # If cloned, this dir likely won't exist, so make it.
            os.makedirs(self.bot._dynamic)

        self.cxn = await connect(self.path)
        await self.execute("pragma journal_mode=wal")
        await self.executescript(self.build_path)
        await self.commit()

    async def commit(self):
        await self.cxn.commit()

    async def close(self):
        await self.commit()
        await self.cxn.close()

    async def execute(self, command, *values):
        cur = await self.cxn.execute(command, tuple(values))
        self._calls += 1

        return cur.rowcount

    async def executescript(self, path, **kwargs):
        with open(path, "r", encoding="utf-8") as script:  # bug
            await self.cxn.executescript(script.read().format(**kwargs))  # bug

        self._calls += 1
