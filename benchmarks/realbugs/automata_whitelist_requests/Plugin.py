"""Plugin base class of a discord.py community bot (reproduction, see plugins/MCWhitelist)."""
from discord.ext import commands


class AutomataPlugin(commands.Cog):
    def __init__(self, manifest, bot: commands.Bot):
        self.manifest = manifest
        self.bot = bot
