from typing import Protocol


class TokenGateway(Protocol):
    async def validate_token(self, token: str): ...
