import os

import discord
from discord.ext import commands

from cogs.starboard import Starboard
from database.database import Database

DB_PATH = os.getenv("DB_PATH", "starboard.db")
db = Database(DB_PATH)
bot = commands.Bot(command_prefix="sb!", intents=discord.Intents.default())


@bot.event
async def on_ready():
    await bot.change_presence(activity=discord.Game("Mention Me For Help"))


if __name__ == "__main__":
    try:
        bot.add_cog(Starboard(bot, db))
        bot.run(os.getenv("TOKEN"))
    finally:
        db.close()
