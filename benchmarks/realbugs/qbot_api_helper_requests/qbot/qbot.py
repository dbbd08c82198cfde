# qbot.py
"""Entry point of a CS:GO pick-up-game Discord bot (discord.py).

Reproduction of the shape fixed in https://github.com/csgo-league/csgo-league-bot/pull/6 (commit
9257f1b, "Fixed blocking requests"): the bot builds one ApiHelper whose methods call the league's
REST API with requests, and hands it to the cogs' constructors; the cogs' async commands call those
methods directly, so every link/join blocked the bot's event loop for the length of an HTTP round
trip. The fix gave ApiHelper an aiohttp session and made its methods coroutines.
"""

from discord.ext import commands
from helpers.api import ApiHelper
import cogs

BOT_COLOR = 0x000000


def run(discord_token, api_base_url, api_key):
    """ Create the bot, add the cogs and run it. """
    api_helper = ApiHelper(api_base_url, api_key)
    bot = commands.Bot(command_prefix=('q!', 'Q!'), case_insensitive=True)
    bot.add_cog(cogs.AuthCog(bot, api_helper, BOT_COLOR))
    bot.add_cog(cogs.QueueCog(bot, api_helper, BOT_COLOR))
    bot.run(discord_token)
