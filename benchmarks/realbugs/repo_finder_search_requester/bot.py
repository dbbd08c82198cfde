"""Repo Finder bot entry point (reproduction, see cogs/repo.py)."""
import os

from discord.ext import commands

bot = commands.Bot(command_prefix="rf.")
bot.load_extension("cogs.repo")

if __name__ == "__main__":
    bot.run(os.environ["TOKEN"])
