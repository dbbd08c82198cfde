"""Cloud API client of an air-conditioner integration (reproduction, see auth.py)."""
import aiohttp

from .auth import AuthClient

BASE_URL = "https://api.example.com"


class ApiClient:
    def __init__(self, auth: AuthClient):
        self.auth = auth
        self.session = aiohttp.ClientSession()

    async def _api_request(self, endpoint: str, payload: dict) -> dict:
        jwt_token = await self.auth.get_jwt_token()
        async with self.session.post(
            f"{BASE_URL}{endpoint}", json=payload, headers={"Authorization": jwt_token}
        ) as resp:
            return await resp.json()

    async def get_units(self) -> dict:
        return await self._api_request("/units", {})
