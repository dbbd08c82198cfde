"""Entry module of the bot: the command tree that records the synced command ids.

See apps/genshin/tasks.py for the source and fix: here the coroutine sync() hands aiofiles' async
file object to json.dump, whose f.write calls are coroutines never awaited.
"""
import json
from typing import Dict, List, Optional

import aiofiles
import discord
from discord import app_commands
from discord.ext import commands


class ShenheCommandTree(app_commands.CommandTree):
    def __init__(self, bot: commands.AutoShardedBot):
        super().__init__(bot)

    async def sync(self, *, guild: Optional[discord.abc.Snowflake] = None) -> List[app_commands.AppCommand]:
        synced = await super().sync(guild=guild)
        if synced:
            command_map: Dict[str, int] = {}
            for command in synced:
                command_map[command.name] = command.id
            async with aiofiles.open("command_map.json", "w") as f:
                json.dump(command_map, f)  # bug

        return synced
