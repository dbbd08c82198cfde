"""EX raid invitation command of a Discord (discord.py 0.16) raid coordination bot.

Reproduction of the shape fixed in https://github.com/FoglyOgly/Meowth/pull/135 (commit
e81f25a6463f631cc879019b0eec6482d94722c2, "add run_in_executor": "Seperates img processing that's
blocking in order to run it in the async loop with run_in_executor"): the async _invite helper of
the !invite command downloads the screenshot with aiohttp, then on the event loop opens it with
PIL, upscales it to 3500 px high, filters and enhances it, and runs pytesseract.image_to_string
(which runs the tesseract program and waits for it). The fix moved all of it into a plain
invite_processing() run with bot.loop.run_in_executor.
"""
import asyncio
from io import BytesIO

import aiohttp
import discord
import pytesseract
from discord.ext import commands
from PIL import Image, ImageEnhance, ImageFilter

tesseract_config = "--oem 0 --psm 8"
Meowth = commands.Bot(command_prefix="!")
server_dict = {}


@Meowth.command(pass_context=True)
async def invite(ctx):
    """Join an EX Raid from a screenshot of the invitation."""
    if ctx.message.attachments:
        await _invite(ctx)
        return
    await Meowth.send_message(ctx.message.channel, "Meowth! Show me a screenshot of your invite!")
    try:
        reply = await Meowth.wait_for_message(author=ctx.message.author, timeout=30)
    except asyncio.TimeoutError:
        return
    if reply and reply.attachments:
        ctx.message = reply
        await _invite(ctx)


async def _invite(ctx):
    url = ctx.message.attachments[0]["url"]
    if "https://cdn.discordapp.com" not in url:
        return
    async with aiohttp.ClientSession() as session:
        async with session.get(url) as fd:
            imgread = await fd.read()
            img = Image.open(BytesIO(imgread))
    width, height = img.size
    new_height = 3500
    new_width = int(new_height * width / height)
    img = img.resize((new_width, new_height), Image.BICUBIC)  # bug
    img = img.filter(ImageFilter.EDGE_ENHANCE)
    enh = ImageEnhance.Brightness(img)
    img = enh.enhance(0.4)
    enh = ImageEnhance.Contrast(img)
    img = enh.enhance(4)
    txt = pytesseract.image_to_string(img, config=tesseract_config)  # bug
    if "EX Raid Battle" in txt or "Please visit the Gym" in txt:
        raidchannels = server_dict[ctx.message.server.id]["raidchannel_dict"]
        exraids = [Meowth.get_channel(cid) for cid in raidchannels if raidchannels[cid]["type"] == "exraid"]
        if exraids:
            overwrite = discord.PermissionOverwrite(send_messages=True, read_messages=True)
            await Meowth.edit_channel_permissions(exraids[0], ctx.message.author, overwrite)
            return
    await Meowth.send_message(ctx.message.channel, "Meowth! That doesn't look like an EX Raid invitation to me!")
