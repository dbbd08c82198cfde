"""A Discord bot for a local text-generation web UI (one large module).

Reproduction of the shape reported in https://github.com/altoiddealer/ad_discordbot/issues/4
("/sync is not awaited": RuntimeWarning: coroutine 'CommandTree.sync' was never awaited) and fixed
in commit https://github.com/altoiddealer/ad_discordbot/commit/2e4aaae0fdadcb02d2a3b9d75a562974f1f29613:
the /sync hybrid command put the coroutine client.tree.sync() on task_queue, the main queue, whose
consumer process_tasks expects dict items (unpack_queue_item calls .get on them), so the coroutine
was never awaited. The fix put it on bg_task_queue, whose consumer awaits each item.
"""
import asyncio
import logging
import discord
from discord.ext import commands

intents = discord.Intents.default()
intents.message_content = True
intents.reactions = True
intents.guild_messages = True
client = commands.Bot(command_prefix=".", intents=intents)

#################################################################
##################### BACKGROUND QUEUE TASK #####################
#################################################################
bg_task_queue = asyncio.Queue()


async def process_tasks_in_background():
    while True:
        task = await bg_task_queue.get()
        await task


@client.event
async def on_ready():
    try:
        # Create main task processing queue
        client.loop.create_task(process_tasks())  # also
        # Create background task processing queue
        client.loop.create_task(process_tasks_in_background())  # also
        # Start background task to sync the discord client tree
        await bg_task_queue.put(client.tree.sync())
        logging.info("Bot is ready")
    except Exception as e:
        logging.error(f"Error with on_ready: {e}")


#################################################################
######################### MAIN TASK QUEUE #######################
#################################################################
task_event = asyncio.Event()
task_queue = asyncio.Queue()


def unpack_queue_item(queue_item):
    i = queue_item.get('i', None)
    user = queue_item.get('user', None)
    channel = queue_item.get('channel', None)
    source = queue_item.get('source', None)
    text = queue_item.get('text', None)
    message = queue_item.get('message', None)
    params = queue_item.get('params', {})
    if source == 'on_message':
        logging.info(f'reply requested: {user} said: "{text}"')
    return i, user, channel, source, text, message, params


async def process_tasks():
    try:
        while True:
            # Fetch item from the queue
            queue_item = await task_queue.get()
            task_event.set()
            # Unpack the next queue item
            i, user, channel, source, text, message, params = unpack_queue_item(queue_item)
            if source == 'character' or source == 'reset':
                await change_char_task(user, channel, source, params)
            else:
                async with channel.typing():
                    if source == 'on_message':
                        await on_message_gen(user, channel, source, text, i)
                    else:
                        logging.warning(f'Unexpectedly received an invalid task. Source: {source}')
            task_event.clear()
            task_queue.task_done()
    except Exception as e:
        logging.error(f"An error occurred while processing a main task: {e}")
        task_event.clear()
        task_queue.task_done()


async def change_char_task(user, channel, source, params):
    await channel.send(f'{user} changed character ({source}): {params}')


async def on_message_gen(user, channel, source, text, i):
    await channel.send(f'{user}: {text}')


@client.event
async def on_message(i):
    if i.author == client.user:
        return
    queue_item = {'i': i, 'user': i.author, 'channel': i.channel, 'source': 'on_message', 'text': i.content}
    await task_queue.put(queue_item)


@client.hybrid_command(description="Update dropdown menus without restarting bot script.")
async def sync(ctx: discord.ext.commands.Context):
    await task_queue.put(client.tree.sync())  # Process this in the background  # bug


client.run("TOKEN", root_logger=True)
