"""Heartbeat cog: pings an uptime push URL at an interval.

Reproduction of the shape fixed in https://github.com/SFUAnime/Ren/pull/426 ("[Heartbeat] Switch
from requests to aiohttp", closes issue #397): the background task _loop, started with
bot.loop.create_task in the cog's __init__, pings the push URL with the synchronous
requests.get(...) between asyncio.sleep waits, blocking the bot's event loop for the whole HTTP
round trip. The fix used an aiohttp ClientSession instead.
"""
import asyncio
import logging

import requests
from redbot.core import Config, commands
from redbot.core.bot import Red

KEY_INTERVAL = "interval"
KEY_PUSH_URL = "pushUrl"

LOGGER = logging.getLogger("red.luicogs.Heartbeat")

DEFAULT_GLOBAL = {KEY_INTERVAL: 295, KEY_PUSH_URL: None}


class Heartbeat(commands.Cog):
    """Heartbeat for uptime checks"""

    def __init__(self, bot: Red):
        self.bot = bot
        self.config = Config.get_conf(self, identifier=5842647, force_registration=True)
        self.config.register_global(**DEFAULT_GLOBAL)
        self.bgTask = self.bot.loop.create_task(self._loop())

    async def _loop(self):
        while self == self.bot.get_cog("Heartbeat"):
            try:
                await asyncio.sleep(await self.config.interval())
                if await self.config.pushUrl():
                    LOGGER.debug("Pinging %s", await self.config.pushUrl())
                    requests.get(await self.config.pushUrl())  # bug
            except asyncio.CancelledError:
                raise
            except requests.exceptions.HTTPError as error:
                LOGGER.error("HTTP error occurred: %s", error)

    def cog_unload(self):
        self.bgTask.cancel()
