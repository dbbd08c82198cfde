"""Asynchronous client for the Polestar API."""
import httpx

from .auth import HTTPX_TIMEOUT, PolestarAuth


class PolestarApi:
    """Main class for handling connections with the Polestar API."""

    def __init__(self, username: str, password: str) -> None:
        self.auth = PolestarAuth(username, password)
        self.cache_data: dict = {}
        self._client_session = httpx.AsyncClient()  # bug

    async def init(self) -> None:
        await self.auth.get_token()
        if self.auth.access_token is None:
            return
        await self.get_vehicle_data()

    async def get_vehicle_data(self) -> dict:
        result = await self._client_session.get(
            "https://pc-api.polestar.com/eu-north-1/my-star/",
            headers={"authorization": f"Bearer {self.auth.access_token}"},
            timeout=HTTPX_TIMEOUT,
        )
        self.cache_data["getConsumerCarsV2"] = result.json()
        return self.cache_data
