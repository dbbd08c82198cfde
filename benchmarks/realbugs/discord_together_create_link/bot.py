"""A bot using the library's invite helper from a command.

Reproduction of the shape fixed in https://github.com/apurv-r/discord-together/pull/1: the
library's create_link was a plain method that posted with requests; bots called it from their
command coroutines (as its README showed), blocking the bot's loop.
"""

from discord.ext import commands
from discordTogether import DiscordTogether

client = commands.Bot(command_prefix="!")
together_control = DiscordTogether(client)


@client.command()
async def start_youtube(ctx):
    link = together_control.create_link(ctx.author.voice.channel.id, "youtube")  # bug
    await ctx.send(f"Click the blue link!\n{link}")
