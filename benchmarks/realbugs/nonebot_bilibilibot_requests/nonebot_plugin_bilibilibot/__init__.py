"""The plugin's commands and schedule (reproduction, see biliStream.py)."""
import json
import re

from nonebot import on_command, on_message, require
from nonebot.adapters.onebot.v11 import Message
from nonebot.adapters.onebot.v11.event import PrivateMessageEvent
from nonebot.params import CommandArg
from nonebot.rule import regex

from .basicFunc import parseB23Url
from .biliStream import CheckBiliStream, FollowStreamers, GetUidByRoomNumber

followStreamerCommand = on_command("关注主播")


@followStreamerCommand.handle()
async def followStreamerCommandHandler(event: PrivateMessageEvent, args: Message = CommandArg()):
    successList, failList = await FollowStreamers(event, event.sender.user_id, args.extract_plain_text().split(), 0)
    await followStreamerCommand.finish(f"关注成功:\n{successList}\n关注失败:\n{failList}")


followStreamerByShare = on_message(rule=regex(r'^\[CQ:json,[\w\W]*live.bilibili.com[\w\W]*'))


@followStreamerByShare.handle()
async def streamerShareHandler(event: PrivateMessageEvent):
    """Follow the streamer of a shared live room."""
    data = json.loads(event.get_message()[-1].get("data")["data"])
    roomNumber = data["meta"]["news"]["jumpUrl"].split("?")[0].split("/")[-1]
    try:
        isUidSuccess, uid = GetUidByRoomNumber(roomNumber)  # bug
    except Exception:
        await followStreamerByShare.finish("关注失败: 连接错误")
    if not isUidSuccess:
        await followStreamerByShare.finish("关注失败: 非法uid")
    successList, failList = await FollowStreamers(event, event.sender.user_id, [uid], 0)
    await followStreamerByShare.finish(f"关注主播成功: {successList}" if successList else f"关注主播失败: {failList}")


followByShareB23Url = on_message(rule=regex(r'^\[CQ:json[\w\W]*b23.tv[\w\W]*'))


@followByShareB23Url.handle()
async def b23UrlShareHandler(event: PrivateMessageEvent):
    """Follow whatever a shared b23.tv short link points to."""
    b23Url = re.search(r"https://b23.tv/\w+", event.get_message()[-1].get("data")["data"]).group()
    try:
        isSuccess, idType, id = parseB23Url(b23Url)  # bug
    except Exception:
        await followByShareB23Url.finish("关注失败: 连接错误")
    if isSuccess and idType == 1:
        try:
            isUidSuccess, uid = GetUidByRoomNumber(id)  # bug
        except Exception:
            await followByShareB23Url.finish("关注失败: 连接错误")
        if isUidSuccess:
            successList, failList = await FollowStreamers(event, event.sender.user_id, [uid], 0)
            await followByShareB23Url.finish(f"关注成功: {successList}" if successList else f"关注失败: {failList}")


scheduler = require("nonebot_plugin_apscheduler").scheduler
scheduler.add_job(CheckBiliStream, "interval", seconds=10, id="biliStream", misfire_grace_time=90)
