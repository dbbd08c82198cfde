"""Discord bot (discord.py 0.16 API) that runs SimulationCraft for a character.

Reproduction of the shape reported in https://github.com/stokbaek/simc-discord/issues/11
("RuntimeWarning: coroutine 'check' was never awaited") and fixed in commit c69c827 ("Python
shouldn't give RuntimeWarning on await anymore using addon data. fixes #11"): the predicate passed
as check= to bot.wait_for_message was declared `async def check(...)`; discord.py calls the
predicate synchronously, so each call made a coroutine (always truthy) that nobody awaited, and the
first message was accepted whatever it said. The fix made check a plain function.
"""
import asyncio
import json
import os
import time

import discord

os.chdir(os.path.dirname(os.path.abspath(__file__)))
with open("user_data.json") as data_file:
    user_opt = json.load(data_file)

bot = discord.Client()
threads = os.cpu_count()
htmldir = user_opt["simcraft_opt"][0]["htmldir"]
website = user_opt["simcraft_opt"][0]["website"]


async def sim(realm, char, scale, htmladdr, data, addon, region, iterations, loop, message):
    if data == "addon":
        options = "calculate_scale_factors=%s html=%ssims/%s/%s threads=%s iterations=%s input=%s" % (
            scale, htmldir, char, htmladdr, threads, iterations, addon)
    else:
        options = "armory=%s,%s,%s calculate_scale_factors=%s html=%ssims/%s/%s threads=%s iterations=%s" % (
            region, realm, char, scale, htmldir, char, htmladdr, threads, iterations)
    load = await bot.send_message(message.channel, "Simulating: Starting...")
    os.system(os.path.join(user_opt["simcraft_opt"][0]["executable"] + " " + options + " > " + htmldir,  # also
                           "debug", "simc.stout 2> " + htmldir, "debug", "simc.sterr &"))
    await asyncio.sleep(1)
    while loop:
        readstout = open(os.path.join(htmldir, "debug", "simc.stout"), "r")  # also
        process_check = readstout.readlines()
        if len(process_check) > 1 and "html report took" in process_check[-2]:
            loop = False
            link = "Simulation: %ssims/%s/%s" % (website, char, htmladdr)
            await bot.edit_message(load, link + " {0.author.mention}".format(message))
        else:
            await asyncio.sleep(1)


async def check(addon_data):  # bug
    return addon_data.content.endswith("DONE")


@bot.event
async def on_message(message):
    realm = user_opt["simcraft_opt"][0]["default_realm"]
    region = user_opt["simcraft_opt"][0]["region"]
    iterations = user_opt["simcraft_opt"][0]["default_iterations"]
    timestr = time.strftime("%Y%m%d-%H%M%S")
    data = "armory"
    char = ""
    addon = ""
    args = message.content.lower()
    if message.author == bot.user or not args.startswith("!simc"):
        return
    for arg in args.split("-")[1:]:
        if arg.startswith(("c ", "char ")):
            char = arg.split()[1]
        elif arg.startswith(("d ", "data ")):
            data = arg.split()[1]
    if char == "":
        await bot.send_message(message.channel, "Character name is needed")
        return
    user = message.author
    if data == "addon":
        await bot.send_message(user, "Please paste the output of your simulationcraft addon here and finish with DONE")
        addon_data = await bot.wait_for_message(author=message.author, check=check, timeout=60)
        if addon_data is None:
            await bot.send_message(message.channel, "No data given. Resetting session.")
            return
        addon = "%ssims/%s/%s-%s.simc" % (htmldir, char, char, timestr)
        f = open(addon, "w")  # also
        f.write(addon_data.content[:-4])
        f.close()
    htmladdr = "%s-%s.html" % (char, timestr)
    bot.loop.create_task(sim(realm, char, 0, htmladdr, data, addon, region, iterations, True, message))  # also


bot.run(user_opt["server_opt"][0]["token"])
