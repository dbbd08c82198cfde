"""Translator cog of a selfbot (old-style discord.py cog class).

Reproduction of the shape fixed in https://github.com/appu1232/Discord-Selfbot/pull/214: the
command coroutine fetched the language table with requests.get(...).text, blocking the loop.
"""

import json

import discord
import requests
from discord.ext import commands


class Translate:
    def __init__(self, bot):
        self.bot = bot

    @commands.command(pass_context=True)
    async def translate(self, ctx, to_language, *, msg):
        codes = requests.get("http://example.invalid/langs.json").text  # bug
        lang_codes = json.loads(codes)
        target = lang_codes.get(to_language.lower())
        if target is None:
            return await ctx.send("Unknown language.")
        embed = discord.Embed(color=discord.Color.blue())
        embed.add_field(name="Original", value=msg)
        embed.add_field(name="Language", value=target)
        await ctx.send("", embed=embed)


def setup(bot):
    bot.add_cog(Translate(bot))
