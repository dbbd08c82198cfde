"""Async HTTP layer of a generated database client, over httpx.AsyncClient.

Reproduction of the shape fixed in https://github.com/RobertCraigie/prisma-client-py/pull/170
(commit b2925ad6bd12969d665bb85aa46f676e03b25133, "fix(http): fix blocking IO under async"): the
async json() and text() of the Response wrapper read the body of the wrapped httpx.Response with
its synchronous API (self.original.json(), self.original.content.decode()); the fix read it with
`await self.original.aread()` and `self.original.aiter_text()`.
"""
from typing import Any

import httpx

from .http_abstract import AbstractHTTP, AbstractResponse


class HTTP(AbstractHTTP[httpx.AsyncClient, httpx.Response]):
    async def download(self, url: str, dest: str) -> None:
        async with self.session.stream("GET", url, timeout=None) as resp:
            resp.raise_for_status()
            with open(dest, "wb") as fd:  # also
                async for chunk in resp.aiter_bytes():
                    fd.write(chunk)

    async def request(self, method: str, url: str, **kwargs: Any) -> "Response":
        return Response(await self.session.request(method, url, **kwargs))

    def open(self) -> None:
        self.session = httpx.AsyncClient()

    async def close(self) -> None:
        if not self.closed:
            await self.session.aclose()
            self.session = None


client: HTTP = HTTP()


class Response(AbstractResponse[httpx.Response]):
    @property
    def status(self) -> int:
        return self.original.status_code

    async def json(self, **kwargs: Any) -> Any:
        return self.original.json(**kwargs)  # bug

    async def text(self, **kwargs: Any) -> Any:
        return self.original.content.decode(**kwargs)  # bug
