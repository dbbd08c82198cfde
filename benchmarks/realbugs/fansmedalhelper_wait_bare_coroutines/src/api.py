import aiohttp


class BiliApi:
    def __init__(self, user: "object", session: aiohttp.ClientSession) -> None:
        self.u = user
        self.session = session

    async def heartbeat(self, room_id: int, up_id: int) -> dict:
        url = "https://live-trace.bilibili.com/xlive/data-interface/v1/heartbeat/mobileHeartBeat"
        async with self.session.post(url, data={"room_id": room_id, "up_id": up_id}) as resp:
            return await resp.json()

    async def likeInteract(self, room_id: int) -> dict:
        url = "https://api.live.bilibili.com/xlive/web-ucenter/v1/interact/likeInteract"
        async with self.session.post(url, data={"roomid": room_id}) as resp:
            return await resp.json()
