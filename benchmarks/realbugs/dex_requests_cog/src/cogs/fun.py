import datetime
import json
import os

import discord
import requests
from discord.ext import commands


class Fun(commands.Cog):
    def __init__(self, bot):
        self.bot = bot

    def get_nasa(self):
        response = requests.get("https://api.nasa.gov/planetary/apod?api_key=" + str(os.getenv("NASA_API_KEY")))
        return json.loads(response.text)

    @commands.command(name="apod", aliases=["astropic"], help="sends astronomy pic of the day from NASA")
    async def send_nasa_pic_otd(self, ctx):
        embed = discord.Embed(title="NASA", description="Picture of the day", timestamp=datetime.datetime.utcnow())
        nasa_api = self.get_nasa()  # bug
        embed.set_image(url=nasa_api["url"])
        embed.add_field(name="Image Title", value=nasa_api["title"], inline=False)
        await ctx.send(embed=embed)


def setup(bot):
    bot.add_cog(Fun(bot))
