"""Real-time battle report of a NoneBot2 World of Warships stats bot.

Reproduction of the shape reported in https://github.com/benx1n/HikariBot/issues/23 ("asyncio.run()
cannot be called from a running event loop") and fixed in commit 2b5e097 (version 0.3.5.1): the
module fetched the whole ship list at import time with asyncio.run(get_all_shipList()), an async
function of publicAPI.py; the plugin is imported (through mqtt.py) by NoneBot, which for the
reporter already ran its event loop, so loading the plugin failed. The fix removed the line and
kept the lazy `await get_all_shipList()` of send_realTime_message.
"""
import asyncio
import traceback

from nonebot import get_driver
from nonebot.log import logger

from .publicAPI import get_all_shipList

headers = {"Authorization": get_driver().config.api_token}

all_shipList = asyncio.run(get_all_shipList())  # bug


async def send_realTime_message(data):
    try:
        global all_shipList
        if not all_shipList:
            all_shipList = await get_all_shipList()
        await set_realTime_params(data)
    except Exception:
        logger.error(traceback.format_exc())


async def set_realTime_params(data):
    for each_player in data["infoList"]:
        for each_ship in all_shipList:
            if each_ship["id"] == each_player["shipId"]:
                each_player["shipName"] = each_ship["shipNameCn"] or each_ship["name"]
                break
    return data
