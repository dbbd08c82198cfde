"""Polestar ID authentication (OAuth code flow over httpx)."""
from datetime import datetime, timedelta

import httpx

HTTPX_TIMEOUT = 30


class PolestarAuth:
    """Base class for Polestar authentication."""

    def __init__(self, username: str, password: str) -> None:
        self.username = username
        self.password = password
        self.access_token = None
        self.refresh_token = None
        self.token_expiry = None
        self._client_session = httpx.AsyncClient()  # bug

    async def get_token(self) -> None:
        code = await self._get_code()
        if code is None:
            return
        result = await self._client_session.get(
            "https://pc-api.polestar.com/eu-north-1/auth/", params={"code": code}, timeout=HTTPX_TIMEOUT
        )
        token = result.json()["data"]["getAuthToken"]
        self.access_token = token["access_token"]
        self.refresh_token = token["refresh_token"]
        self.token_expiry = datetime.now() + timedelta(seconds=token["expires_in"])

    async def _get_code(self) -> str | None:
        result = await self._client_session.post(
            "https://polestarid.eu.polestar.com/as/authorization.ping",
            data={"pf.username": self.username, "pf.pass": self.password},
            timeout=HTTPX_TIMEOUT,
        )
        if result.next_request is None:
            return None
        return result.next_request.url.params.get("code")
