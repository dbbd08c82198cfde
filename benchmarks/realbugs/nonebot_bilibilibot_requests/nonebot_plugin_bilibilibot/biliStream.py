"""Live-room following for a NoneBot2 plugin.

Reproduction of the shape fixed in https://github.com/TDK1969/nonebot_plugin_bilibilibot/issues/10
("将requests修改为异步的httpx", change requests to the asynchronous httpx; commit
9e6ae0f539b2df525b6d7d9eab7cb57aeae4944a): the plain functions GetBiliStream, InitStreamerInfo and
GetUidByRoomNumber (here) and parseB23Url (basicFunc.py) query the bilibili API with requests; the
plugin's coroutines call them on the bot's event loop: CheckBiliStream, run every ten seconds by
nonebot_plugin_apscheduler (scheduler.add_job in __init__.py), FollowStreamers, and the message
handlers of __init__.py (decorated with @matcher.handle()). The fix made the four functions
coroutines using httpx.AsyncClient and awaited them; the four requests lines and the five call lines
are marked.
"""
import json
from typing import List, Tuple

import nonebot
import requests
from nonebot.log import logger

biliUserInfoUrl = "https://api.bilibili.com/x/space/acc/info?mid={}"
biliLiveInfoUrl = "https://api.live.bilibili.com/room/v1/Room/room_init?id={}"
header = {"User-Agent": "Mozilla/5.0"}

# uid -> [user name, is streaming, room url, [followers]]
FOLLOWED: dict = {}


def GetBiliStream(uid: str) -> Tuple[bool, str, str]:
    """Whether the streamer is live, the room title and its cover."""
    response = requests.get(url=biliUserInfoUrl.format(uid), headers=header)  # bug
    assert response.status_code == 200, f"room info request failed, status_code = {response.status_code}"
    room = json.loads(response.text)["data"]["live_room"]
    return (room["liveStatus"] == 1, room["title"], room["cover"])


async def CheckBiliStream():
    """Announce every followed streamer who went live since the last check."""
    schedBot = nonebot.get_bot()
    for uid, info in FOLLOWED.items():
        try:
            isStreaming, title, coverURL = GetBiliStream(uid)  # bug
        except Exception as exc:
            logger.error(f"checking streamer {uid} failed: {exc}")
            continue
        if isStreaming and not info[1]:
            for follower in info[3]:
                await schedBot.send_private_msg(user_id=follower, message=f"{info[0]} is live: {title}\n{info[2]}")
        info[1] = isStreaming


def InitStreamerInfo(uid: str) -> Tuple[str, str]:
    """The streamer's name and room URL."""
    response = json.loads(requests.get(url=biliUserInfoUrl.format(uid), headers=header).text)  # bug
    if response["code"] == 0:
        return (response["data"]["name"], response["data"]["live_room"]["url"])
    return ("", "")


def GetUidByRoomNumber(roomNumber: str) -> Tuple[bool, str]:
    """The uid of a live room's owner."""
    res = requests.get(url=biliLiveInfoUrl.format(roomNumber), headers=header)  # bug
    assert res.status_code == 200, "room info request failed"
    res = json.loads(res.text)
    if res["code"] == 0:
        return (True, str(res["data"]["uid"]))
    return (False, "")


async def FollowStreamers(event, userID: int, uidList: List[str], type: int) -> Tuple[List[str], List[str]]:
    successList, failList = [], []
    for uid in uidList:
        if uid not in FOLLOWED:
            try:
                userName, roomURL = InitStreamerInfo(uid)  # bug
            except Exception as exc:
                logger.error(f"getting streamer {uid} failed: {exc}")
                failList.append(uid)
                continue
            if not userName:
                failList.append(uid)
                continue
            FOLLOWED[uid] = [userName, False, roomURL, []]
        FOLLOWED[uid][3].append(userID)
        successList.append(f"{FOLLOWED[uid][0]}({uid})")
    return successList, failList
