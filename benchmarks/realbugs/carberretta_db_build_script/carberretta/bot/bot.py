from apscheduler.schedulers.asyncio import AsyncIOScheduler
from discord.ext import commands

from carberretta.db import Database


class Bot(commands.Bot):
    def __init__(self, version):
        self.version = version
        self._dynamic = "./carberretta/data/dynamic"
        self._static = "./carberretta/data/static"
        self.booted = False

        self.scheduler = AsyncIOScheduler()
        self.db = Database(self)

        super().__init__(command_prefix="+", case_insensitive=True)

    async def on_connect(self):
        print(" bot connected")

        if not self.booted:
            await self.db.connect()
            print(" connected to and built database")
