"""Stand-in for pytboss.transport."""


class Transport:
    async def send_command(self, command: str, params: dict) -> dict:
        raise NotImplementedError

    async def disconnect(self) -> None:
        pass
