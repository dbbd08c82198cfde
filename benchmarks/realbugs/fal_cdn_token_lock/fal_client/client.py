"""CDN upload-token managers of an inference-platform client library.

Reproduction of the shape fixed in https://github.com/fal-ai/fal/pull/354 (commit
https://github.com/fal-ai/fal/commit/5acbb8fc9cf20509a4f433b3b3870392b4416103, "use asyncio.Lock
instead of threading.Lock"): the async token manager kept the sync twin's
`self._lock: threading.Lock = threading.Lock()` and its async get_token did
`with self._lock:` around `self._token = await self._refresh_token()`. The fix made the lock an
asyncio.Lock taken with `async with`. The sync manager beside it keeps its threading.Lock, rightly.
"""
from __future__ import annotations

import asyncio
import threading
from dataclasses import dataclass
from datetime import datetime, timezone

import httpx

REST_URL = "https://rest.alpha.fal.ai"


@dataclass
class CDNToken:
    token: str
    token_type: str
    base_upload_url: str
    expires_at: datetime

    def is_expired(self) -> bool:
        return datetime.now(timezone.utc) >= self.expires_at


class CDNTokenManager:
    def __init__(self, key: str) -> None:
        self._key = key
        self._token = CDNToken("", "", "", datetime.min.replace(tzinfo=timezone.utc))
        self._lock: threading.Lock = threading.Lock()
        self._url = f"{REST_URL}/storage/auth/token?storage_type=fal-cdn-v3"
        self._headers = {"Authorization": f"Key {self._key}", "Accept": "application/json"}

    def _refresh_token(self) -> CDNToken:
        with httpx.Client() as client:
            response = client.post(self._url, headers=self._headers, data=b"{}")
            response.raise_for_status()
            data = response.json()
        return CDNToken(data["token"], data["token_type"], data["base_url"], datetime.fromisoformat(data["expires_at"]))

    def get_token(self) -> CDNToken:
        with self._lock:
            if self._token.is_expired():
                self._token = self._refresh_token()
            return self._token


class AsyncCDNTokenManager:
    def __init__(self, key: str) -> None:
        self._key = key
        self._token = CDNToken("", "", "", datetime.min.replace(tzinfo=timezone.utc))
        self._lock: threading.Lock = threading.Lock()
        self._url = f"{REST_URL}/storage/auth/token?storage_type=fal-cdn-v3"
        self._headers = {"Authorization": f"Key {self._key}", "Accept": "application/json"}

    async def _refresh_token(self) -> CDNToken:
        async with httpx.AsyncClient() as client:  # also
            response = await client.post(self._url, headers=self._headers, data=b"{}")
            response.raise_for_status()
            data = response.json()
        return CDNToken(data["token"], data["token_type"], data["base_url"], datetime.fromisoformat(data["expires_at"]))

    async def get_token(self) -> CDNToken:
        with self._lock:  # bug
            if self._token.is_expired():
                self._token = await self._refresh_token()
            return self._token

