"""Base of the watch-channel cogs (reproduction, see ../../filters/antispam.py)."""
from abc import ABCMeta, abstractmethod

import discord
from discord import Color, HTTPException
from discord.ext.commands import Cog, CogMeta

from bot.bot import Bot


class CogABCMeta(CogMeta, ABCMeta):
    """Metaclass for ABCs meant to be implemented as Cogs."""


class WatchChannel(metaclass=CogABCMeta):
    @abstractmethod
    def __init__(self, bot: Bot, destination: int, webhook_id: int) -> None:
        self.bot = bot
        self.destination = destination
        self.webhook_id = webhook_id
        self.channel = None
        self.webhook = None

    @property
    def modlog(self):
        return self.bot.get_cog("ModLog")

    async def cog_load(self) -> None:
        await self.bot.wait_until_guild_available()
        try:
            self.channel = await self.bot.fetch_channel(self.destination)
        except HTTPException:
            pass
        try:
            self.webhook = await self.bot.fetch_webhook(self.webhook_id)
        except discord.HTTPException:
            pass
        if self.channel is None or self.webhook is None:
            await self.modlog.send_log_message(
                title=f"Error: Failed to initialize the {self.__class__.__name__} watch channel",
                text="The Cog has been unloaded.",
                ping_everyone=True,
                colour=Color.red(),
            )
            self.bot.remove_cog(self.__class__.__name__)  # bug
            return


class BigBrother(WatchChannel, Cog, name="Big Brother"):
    def __init__(self, bot: Bot) -> None:
        super().__init__(bot, destination=1, webhook_id=2)


async def setup(bot: Bot) -> None:
    await bot.add_cog(BigBrother(bot))
