"""Real-time battle reports.

Reproduction of the shape fixed in https://github.com/benx1n/HikariBot/issues/23 (commit
2b5e09739330c140e6d4d68000b1a86b6bbd275d, "fix asynchronous fetch of the whole ship list"): the
plugin module fills a module-level cache with asyncio.run(get_all_shipList()) (a coroutine of
publicAPI.py) when it is imported; the plugin's __init__.py imports mqtt.py, which imports this
module; the report shows asyncio.run raising "cannot be called from a running event loop" when the
bot loaded the plugin. The fix removed the module-level call (send_realTime_message
already filled the cache lazily with await).
"""
import asyncio
import traceback

from nonebot.log import logger

from .publicAPI import get_all_shipList

all_shipList = asyncio.run(get_all_shipList())  # bug


async def send_realTime_message(data):
    try:
        global all_shipList
        if not all_shipList:
            all_shipList = await get_all_shipList()
        logger.info("players: %s", len(data["infoList"]))
    except Exception:
        logger.error(traceback.format_exc())
        return
