"""CloneCord: a Discord bot that copies Google Drive folders with gclone.

Reproduction of the shape fixed in https://github.com/Rekulous/CloneCord-Bot/pull/1 ("Fix bot going
offline during command", merged): each async command ran `subprocess.run(f"gclone ...")` and then
`sleep(1)` (from time import sleep), so the bot went offline for the whole transfer; the fix used
asyncio.create_subprocess_exec and awaited proc.wait().
"""
import subprocess
from time import sleep

import discord
from discord.ext import commands

bot = commands.Bot(command_prefix="!", intents=discord.Intents.default())


@bot.command()
async def clone(ctx, source, destination):
    s1 = "{" + source + "}"
    d1 = "{" + destination + "}"
    await ctx.send("***Check the destination folder in 5 minutes. The bot will go offline during the clone!***")
    subprocess.run(  # bug
        f"gclone copy GC:{s1} GC:{d1} --transfers 50 -vP --stats-one-line --stats=15s --ignore-existing"
    )
    sleep(2)  # bug
    await ctx.send("**Cloning Complete** --- https://drive.google.com/drive/folders/{}".format(destination))


@bot.command()
async def emptdir(ctx, source):
    s1 = "{" + source + "}"
    await ctx.send("*CloneCord is emptying the directory... The bot will go offline!*")
    subprocess.run(f"gclone delete GC:{s1} -vP --drive-trashed-only --fast-list")  # bug
    sleep(1)  # bug
    await ctx.send("**Emptying Complete**")
