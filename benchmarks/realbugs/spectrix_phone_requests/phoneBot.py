"""A discord.py bot that phones its owner through IFTTT.

Reproduction of the shape fixed in https://github.com/SpectrixDev/discord-phone-integration/pull/1
("made it asynchronous (hopefully)", merged as 4e097d6): the @bot.command coroutine posted the
message to the IFTTT webhook with requests.post, blocking the bot's event loop; the fix posts
with aiohttp.
"""
import discord, asyncio, requests, json  # noqa: E401
from discord.ext import commands
from discord.ext.commands.cooldowns import BucketType

with open("config.json") as f:
    config = json.load(f)

bot = commands.Bot(command_prefix=config["prefix"])


@bot.command()
@commands.cooldown(1, 3600, BucketType.user)
async def call(ctx, *, message):
    if len(message) <= 250:
        report = {}
        report["value1"] = f"New message. {message}"
        report["value2"] = f". Sent by {ctx.author.name} on the server {ctx.guild.name}."
        requests.post("https://maker.ifttt.com/trigger/" + config["eventName"] + "/with/key/" + config["IFTTTkey"], data=report)  # bug
        await ctx.send("**Data posted! Calling the bot owner now :telephone_receiver:**")
    else:
        await ctx.send(f"**{ctx.author.mention} You can't send messages over 250 chars long.**")


bot.run(config["token"])
