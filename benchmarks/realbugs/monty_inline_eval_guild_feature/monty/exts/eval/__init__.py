"""Evaluate code with snekbox, also code written inline in a message.

Reproduction of the shape fixed in https://github.com/onerandomusername/monty-python (commit
0072cfe095a5ad88b955e845a9fcf6142bbd4e47, "fix: await"): the listener Snekbox.on_message (a
disnake Cog listener coroutine) tests `if not self.bot.guild_has_feature(...)`; self.bot is the
Monty bot of monty/bot.py, whose guild_has_feature is an `async def`, so the test looks at a
coroutine object (always true), the feature switch is never honoured and the coroutine is never
awaited. The fix added the await.
"""
import re

from disnake.ext import commands

from monty.bot import Monty
from monty.constants import Feature

INLINE_EVAL_REGEX = re.compile(r"\$(`+)(.+?)\1")


class Snekbox(commands.Cog, slash_command_attrs={"dm_permission": False}):
    """Safe evaluation of Python code using Snekbox."""

    def __init__(self, bot: Monty) -> None:
        self.bot = bot
        self.jobs: dict = {}

    async def send_eval(self, message, code: str, *, return_result: bool = True) -> None:
        async with self.bot.http_session.post(self.bot.snekbox_url, json={"input": code}) as resp:
            result = await resp.json()
        await message.reply(result.get("stdout", "")[:1900])

    @commands.Cog.listener()
    async def on_message(self, message) -> None:
        """Evaluate code in the message automatically."""
        if not message.guild:
            return
        if message.author.bot:
            return

        if not self.bot.guild_has_feature(message.guild.id, Feature.INLINE_EVALULATION):  # bug
            return

        code = "\n".join(m[-1].strip() for m in INLINE_EVAL_REGEX.findall(message.content))
        if not code:
            return
        await self.send_eval(message, code, return_result=False)


def setup(bot: Monty) -> None:
    bot.add_cog(Snekbox(bot))
