import asyncio

from pyplanet.apps.config import AppConfig


class Dedimania(AppConfig):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.current_records = []
        self.lock = asyncio.Lock()

    async def chat_current_record(self):
        if self.current_records:
            message = "Current Dedimania Record: {}".format(self.current_records[0].score)
            calls = list()
            calls.append(self.instance.chat(message))
            for player in self.instance.player_manager.online:
                calls.append(self.chat_personal_record(player))  # bug
            await self.instance.gbx.multicall(*calls)
        else:
            await self.instance.chat("There is no Dedimania Record on this map yet.")

    async def chat_personal_record(self, player):
        async with self.lock:
            record = [x for x in self.current_records if x.login == player.login]
        if record:
            return self.instance.chat("You hold a Dedimania record", player)
        return self.instance.chat("You don't have a Dedimania Record on this map yet.", player)
