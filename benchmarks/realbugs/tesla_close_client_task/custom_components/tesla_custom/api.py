"""Cloud API client of a car integration (reproduction, see __init__.py)."""
import httpx


class CarException(Exception):
    pass


class CarAPI:
    def __init__(self, client: httpx.AsyncClient, email: str, refresh_token: str):
        self._client = client
        self.email = email
        self.refresh_token = refresh_token

    async def connect(self) -> dict:
        resp = await self._client.post("https://auth.example.com/oauth2/v3/token", json={"refresh_token": self.refresh_token})
        if resp.status_code != 200:
            raise CarException(resp.status_code)
        return resp.json()
