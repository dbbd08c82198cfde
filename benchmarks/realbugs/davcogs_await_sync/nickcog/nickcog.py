"""A moderation cog that force-changes members' nicknames.

Reproduction of the shape fixed in https://github.com/Dav-Git/Dav-Cogs/pull/77: the command
awaited the result of a plain (sync) validation method, so every call raised TypeError
("object bool can't be used in 'await' expression").
"""

from typing import Optional

import discord
from redbot.core import checks, commands


class NickCog(commands.Cog):
    def __init__(self, bot):
        self.bot = bot

    def nickname_fits(self, nickname: str) -> bool:
        return len(nickname) <= 32

    @checks.mod()
    @commands.command()
    @checks.bot_has_permissions(manage_nicknames=True)
    async def forcenick(self, ctx, member: discord.Member, nickname: str, *, reason: Optional[str]):
        """Force-change a member's nickname."""
        fits = await self.nickname_fits(nickname=nickname)  # bug
        if not fits:
            return await ctx.send("That nickname is too long. Keep it under 32 characters, please.")
        await member.edit(nick=nickname, reason=reason or "Nickname force-changed")
        await ctx.message.add_reaction("\N{WHITE HEAVY CHECK MARK}")
