"""Help channel system cog (reproduction, see ../filters/antispam.py)."""
import logging

import discord
from discord.ext import commands

from bot.bot import Bot

log = logging.getLogger(__name__)


class HelpChannels(commands.Cog):
    def __init__(self, bot: Bot):
        self.bot = bot
        self.available_category = None

    async def init_categories(self) -> None:
        """Get the help category objects. Remove the cog if retrieval fails."""
        try:
            self.available_category = await self.bot.fetch_channel(123)
        except discord.HTTPException:
            log.exception("Failed to get a category; cog will be removed")
            self.bot.remove_cog(self.qualified_name)  # bug

    async def cog_load(self) -> None:
        await self.bot.wait_until_guild_available()
        await self.init_categories()


async def setup(bot: Bot) -> None:
    await bot.add_cog(HelpChannels(bot))
