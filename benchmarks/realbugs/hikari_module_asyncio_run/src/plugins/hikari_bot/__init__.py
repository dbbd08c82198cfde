"""NoneBot2 plugin of a World of Warships stats bot (reproduction, see wws_realTime.py).

Importing the plugin imports mqtt.py, which imports wws_realTime.py.
"""
from nonebot import get_driver, on_command
from nonebot.adapters.onebot.v11 import Bot, MessageEvent

from .mqtt import mqtt_run  # noqa: F401  (imports wws_realTime)
from .publicAPI import get_ship_info

__version__ = "0.3.5"
driver = get_driver()
bot = on_command("wws", block=False, aliases={"WWS"}, priority=5)


@bot.handle()
async def main(bot: Bot, ev: MessageEvent):
    info = await get_ship_info(str(ev.get_message()))
    await bot.send(ev, str(info))


@driver.on_bot_connect
async def remind(bot: Bot):
    await bot.get_login_info()
    for each in driver.config.superusers:
        await bot.send_private_msg(user_id=int(each), message=f"Hikari online, version {__version__}")
    # mqtt_run(bot_info["user_id"]) was commented out in the project at the time
