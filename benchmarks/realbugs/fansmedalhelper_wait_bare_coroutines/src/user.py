import asyncio

import aiohttp

from .api import BiliApi


class BiliUser:
    def __init__(self, access_token: str, config: dict) -> None:
        self.access_key = access_token
        self.config = config
        self.session = aiohttp.ClientSession()
        self.api = BiliApi(self, self.session)
        self.isLogin = False
        self.medalsLower20: list[dict] = []

    async def asynclikeandShare(self) -> None:
        for medal in self.medalsLower20:
            await self.api.likeInteract(medal["room_info"]["room_id"])

    async def sendDanmaku(self) -> None:
        await asyncio.sleep(self.config.get("DANMAKU_CD", 3))

    async def signInGroups(self) -> None:
        await asyncio.sleep(0)

    async def watchinglive(self) -> None:
        heart_max = self.config["WATCHINGLIVE"]
        heart_num = 0
        while True:
            tasks = []
            for medal in self.medalsLower20:
                tasks.append(self.api.heartbeat(medal["room_info"]["room_id"], medal["medal"]["target_id"]))  # also
            await asyncio.wait(tasks)  # bug
            heart_num += 1
            await asyncio.sleep(60)
            if heart_num >= heart_max:
                break

    async def start(self) -> None:
        if self.isLogin:
            task = [self.asynclikeandShare(), self.sendDanmaku(), self.watchinglive(), self.signInGroups()]  # also
            await asyncio.wait(task)  # bug
