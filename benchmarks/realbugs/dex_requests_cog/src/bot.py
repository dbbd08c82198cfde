import os

from discord.ext import commands

bot = commands.Bot(command_prefix="$")
bot.load_extension("cogs.fun")

if __name__ == "__main__":
    bot.run(os.getenv("TOKEN"))
