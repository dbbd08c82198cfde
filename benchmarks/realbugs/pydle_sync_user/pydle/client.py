class BasicClient:
    def __init__(self, nickname: str) -> None:
        self.nickname = nickname
        self.users: dict[str, dict] = {}

    async def _sync_user(self, nick: str, metadata: dict) -> None:
        if nick not in self.users:
            await self._create_user(nick)
        self.users[nick].update(metadata)

    async def _create_user(self, nick: str) -> None:
        self.users[nick] = {"nickname": nick}
