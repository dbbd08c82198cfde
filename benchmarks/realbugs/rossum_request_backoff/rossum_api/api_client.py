"""Rossum's async API client: retries a request with exponential backoff.

Reproduction of the shape fixed in https://github.com/rossumai/rossum-api/pull/46 ("await
asyncio.sleep", commit 4a537ab): the retry loop of the decorated async _request called
`asyncio.sleep(backoff)` as a statement without await, so the backoff never waited (and the
coroutine was never awaited).
"""
from __future__ import annotations

import asyncio
import functools
import itertools

import httpx

RETRIED_HTTP_CODES = (408, 429, 500, 502, 503, 504)


def exponential_backoff(factor: float):
    for n in itertools.count():
        yield factor * 2**n


def authenticate_if_needed(method):
    @functools.wraps(method)
    async def authenticate_if_needed(self, *args, **kwargs):
        if self.token is None:
            await self._authenticate()
        return await method(self, *args, **kwargs)

    return authenticate_if_needed


class APIClient:
    def __init__(self, username, password, base_url, n_retries=3, retry_backoff_factor=1.0):
        self.username = username
        self.password = password
        self.base_url = base_url
        self.token = None
        self.n_retries = n_retries
        self.retry_backoff_factor = retry_backoff_factor
        self.client = httpx.AsyncClient()

    async def _authenticate(self) -> None:
        response = await self.client.post(
            f"{self.base_url}/auth/login",
            data={"username": self.username, "password": self.password},
        )
        self.token = response.json()["key"]

    @authenticate_if_needed
    async def _request(self, method: str, url: str, *args, **kwargs) -> httpx.Response:
        if not url.startswith("https://"):
            url = f"{self.base_url}/{url}"
        headers = kwargs.pop("headers", {})
        headers["Authorization"] = f"token {self.token}"

        for attempt, backoff in zip(
            range(1, self.n_retries + 1), exponential_backoff(self.retry_backoff_factor)
        ):
            remaining_attempts = self.n_retries - attempt
            try:
                response = await self.client.request(method, url, headers=headers, *args, **kwargs)
                if response.status_code in RETRIED_HTTP_CODES:
                    continue
                break
            except httpx.RequestError:
                if not remaining_attempts:
                    raise
            asyncio.sleep(backoff)  # bug

        response.raise_for_status()
        return response
