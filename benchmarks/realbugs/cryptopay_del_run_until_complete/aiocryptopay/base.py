"""aiohttp base client of a Crypto Pay (Telegram @CryptoBot) API library.

Reproduction of the shape fixed in https://github.com/layerqa/aiocryptopay (issue #1, commit
9fe2cb8, "add close session func"): the base client remembers asyncio.get_event_loop() at
construction and closes its aiohttp session from __del__ with run_until_complete; when the client
is collected while the application's loop runs (an aiohttp web app, a bot), that call raises
"RuntimeError: This event loop is already running". The fix replaced __del__ with an async close()
the application awaits on shutdown.
"""
import asyncio
import ssl
from typing import Optional

import certifi
from aiohttp import ClientSession, TCPConnector
from aiohttp.typedefs import StrOrURL

from .exceptions import CryptoPayAPIError


class BaseClient:
    '''Base aiohttp client'''

    def __init__(self) -> None:
        self._loop = asyncio.get_event_loop()
        self._session: Optional[ClientSession] = None

    def get_session(self):
        '''Get cached session. One session per instance.'''
        if isinstance(self._session, ClientSession) and not self._session.closed:
            return self._session
        ssl_context = ssl.create_default_context(cafile=certifi.where())
        connector = TCPConnector(ssl=ssl_context)
        self._session = ClientSession(connector=connector)
        return self._session

    async def _make_request(self, method: str, url: StrOrURL, **kwargs) -> dict:
        session = self.get_session()  # also
        async with session.request(method, url, **kwargs) as response:
            response = await response.json(content_type="application/json")
        return self._validate_response(response)

    def _validate_response(self, response: dict) -> dict:
        if response.get('ok') == False:  # noqa: E712
            raise CryptoPayAPIError(response['error']['code'], response['error']['name'])
        return response

    def __del__(self):
        if self._session:
            self._loop.run_until_complete(self._session.close())  # bug
