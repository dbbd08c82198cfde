from pydle.client import BasicClient


class RFC1459Support(BasicClient):
    async def on_raw_join(self, message) -> None:
        nick, metadata = message.source, {"hostname": message.host}
        self._sync_user(nick, metadata)  # bug
        await self.on_join(message.params[0], nick)

    async def on_join(self, channel: str, user: str) -> None:
        pass
