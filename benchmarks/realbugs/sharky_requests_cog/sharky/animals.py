"""A Red-DiscordBot cog posting random animal pictures.

Reproduction of the shape fixed in https://github.com/SharkyTheKing/Sharky/pull/33 ("Fixed
requests to aiohttp"): the cog's async commands fetched the image APIs with the synchronous
`requests` library, blocking the bot's event loop for each HTTP round trip. The fix used an
aiohttp session.
"""
import discord
import requests
from redbot.core import commands


class Animals(commands.Cog):
    """Random animal pictures."""

    def __init__(self, bot):
        self.bot = bot

    @commands.command()
    async def shark(self, ctx: commands.Context):
        """Post a random shark."""
        data = requests.get("https://api.example.invalid/shark").json()  # bug
        embed = discord.Embed(title="Shark!")
        embed.set_image(url=data["url"])
        await ctx.send(embed=embed)

    @commands.command()
    async def cat(self, ctx: commands.Context):
        """Post a random cat."""
        response = requests.get("https://api.thecatapi.com/v1/images/search")  # bug
        await ctx.send(response.json()[0]["url"])
