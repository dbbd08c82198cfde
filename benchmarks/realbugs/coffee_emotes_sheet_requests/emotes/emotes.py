"""Emotes cog (custom emote solution for non-nitro users); only the sheet-update command is kept."""
from redbot.core import Config, commands

from .esheet import EmoteSheet


class Emotes(commands.Cog):
    """Custom emote solution for non-nitro users"""

    def __init__(self, bot):
        self.bot = bot
        self.config = Config.get_conf(self, identifier=806715409318936616)
        self.config.register_global(emoteGoogleSheetId="", emoteStore=[])

    @commands.group(aliases=["se", "setemote", "setemotesheet"])
    async def setemotes(self, ctx: commands.Context):
        """Change emote settings"""

    @setemotes.group(name="sheet")
    async def seteosheet(self, ctx: commands.Context):
        """Emote Google Sheet settings"""

    @seteosheet.command(name="update")
    async def setesupdate(self, ctx):
        """Pull updates from Emote Google Sheet"""
        await ctx.message.add_reaction("⏳")
        gsheets_data = await self.config.emoteGoogleSheetId()
        emotearray = await EmoteSheet.update(self, ctx, self.bot, gsheets_data)
        if isinstance(emotearray, str):
            await ctx.message.add_reaction("❎")
            return await ctx.send(emotearray)
        await self.config.emoteStore.set(emotearray)
        await ctx.message.add_reaction("✅")
