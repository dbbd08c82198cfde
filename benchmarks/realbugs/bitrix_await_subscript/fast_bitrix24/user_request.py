"""User-level requests of a Bitrix24 client (reproduction, see bitrix.py)."""
import asyncio


class UserRequestAbstract:
    def __init__(self, srh, method: str, params: dict):
        self.srh = srh
        self.method = method.lower().strip()
        self.params = params


class GetAllUserRequest(UserRequestAbstract):
    async def run(self):
        first = await self.srh.single_request(self.method, self.params)
        return first["result"]


class CallUserRequest(UserRequestAbstract):
    def __init__(self, srh, method: str, item_list):
        super().__init__(srh, method, None)
        self.item_list = item_list

    async def run(self):
        tasks = [self.srh.single_request(self.method, item) for item in self.item_list]
        responses = await asyncio.gather(*tasks)
        return [r["result"] for r in responses]
