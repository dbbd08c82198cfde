"""Initiative tracker cog of a py-cord bot.

Reproduction of the shape fixed in https://github.com/Artica2012/VirtualGM/pull/156: in a slash
command coroutine, the denial branch called ctx.send_followup(...) (a coroutine method of the
library's ApplicationContext, the annotated parameter) as a statement without await.
"""

import discord
from discord.commands import SlashCommandGroup
from discord.ext import commands

import auto_complete


class InitiativeCog(commands.Cog):
    char = SlashCommandGroup("char", "Character commands")

    def __init__(self, bot):
        self.bot = bot

    @char.command(description="Display Character Sheet")
    async def sheet(self, ctx: discord.ApplicationContext, name: str):
        await ctx.response.defer(ephemeral=True)
        if await auto_complete.hard_lock(ctx, name):
            try:
                embed = await auto_complete.character_sheet(name, ctx)
                await ctx.send_followup(embeds=embed)
            except Exception:
                await ctx.send_followup("Error displaying character sheet. Ensure valid character.")
        else:
            ctx.send_followup("You do not have the appropriate permissions to view this character.")  # bug


def setup(bot):
    bot.add_cog(InitiativeCog(bot))
