import time


async def purge_messages(channel, messages):
    for message in messages:
        await message.delete()
        time.sleep(0.2)  # bug
    await channel.send("done")
