"""Cloud session of a pet-device library: refreshes its token under a lock.

Reproduction of the shape fixed in https://github.com/natekspencer/pylitterbot/pull/182 (reported
through https://github.com/home-assistant/core/issues/101209): the lock was a threading.Lock, a
class attribute of the abstract session (and set again in the subclass's __init__), held across
the await of the token refresh; a second refresh on the same loop blocked the loop's thread.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from threading import Lock

from aiohttp import ClientSession

from .event import EVENT_UPDATE, Event


class Session(Event, ABC):
    _token: dict | None = None
    _lock = Lock()

    def __init__(self, websession: ClientSession | None = None) -> None:
        super().__init__()
        self._websession = websession

    @abstractmethod
    def is_token_valid(self) -> bool:
        """Whether the token is still valid."""

    @abstractmethod
    async def _refresh_token(self) -> dict:
        """Fetch a new token."""

    async def refresh_token(self, ignore_unexpired: bool = False) -> None:
        if self._token is None:
            return
        with self._lock:  # bug
            if not ignore_unexpired and self.is_token_valid():
                return
            self._token = await self._refresh_token()
            self.emit(EVENT_UPDATE)


class CloudSession(Session):
    TOKEN_URL = "https://example.invalid/token"

    def __init__(self, token: dict | None = None, websession: ClientSession | None = None) -> None:
        super().__init__(websession=websession)
        self._token = token
        self._lock = Lock()

    def is_token_valid(self) -> bool:
        return bool(self._token and self._token.get("valid"))

    async def _refresh_token(self) -> dict:
        session = self._websession or ClientSession()
        async with session.post(self.TOKEN_URL, json=self._token) as response:
            return await response.json()
