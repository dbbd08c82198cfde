"""HikariBot plugin (reproduction, see wws_realTime.py)."""
from nonebot import on_command

from .mqtt import mqtt_run

bot_realtime = on_command("wws realtime", priority=5, block=True)


@bot_realtime.handle()
async def _start_realtime():
    await mqtt_run()
