async def test_credentials(username: str, password: str) -> bool:
    raise NotImplementedError


async def get_api_token(username: str, password: str) -> str:
    raise NotImplementedError


async def mosques_nearby(lat: float, lon: float, token: str) -> list[dict]:
    raise NotImplementedError
