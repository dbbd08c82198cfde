"""Make-it-quote command of a discord.py bot (cog).

Reproduction of the shape reported in https://github.com/evex-dev/Swiftly-bot/issues/39
(requests is blocking, move to aiohttp) and fixed in commit
https://github.com/evex-dev/Swiftly-bot/commit/e871f53211b14402cc86dc5f02acc201e651098b: the
@commands.command coroutine of the cog fetched the quoted author's avatar with
requests.get(url, timeout=10) inside `async with ctx.typing():`. The fix used an aiohttp session
opened in cog_load. The Pillow decode of the downloaded bytes stayed on the loop after the fix.
"""
import logging
from io import BytesIO

import discord
import requests
from discord.ext import commands
from PIL import Image

logger = logging.getLogger(__name__)


class QuoteCog(commands.Cog):
    def __init__(self, bot: commands.Bot) -> None:
        self.bot = bot

    @commands.command(name="miq", description="Make a quote image of the replied message")
    async def make_it_quote(self, ctx: commands.Context) -> None:
        try:
            if not ctx.message.reference:
                await ctx.send("Reply to a message first.")
                return

            async with ctx.typing():
                reference = await ctx.channel.fetch_message(ctx.message.reference.message_id)
                avatar_url = reference.author.avatar.url
                response = requests.get(avatar_url, timeout=10)  # bug
                avatar = Image.open(BytesIO(response.content))  # also
                with BytesIO() as out:
                    avatar.save(out, "PNG")
                    out.seek(0)
                    await ctx.send(file=discord.File(fp=out, filename="quote.png"))
        except Exception as e:
            logger.error("miq failed: %s", e)
            await ctx.send(f"Error: {e}")


async def setup(bot: commands.Bot) -> None:
    await bot.add_cog(QuoteCog(bot))
