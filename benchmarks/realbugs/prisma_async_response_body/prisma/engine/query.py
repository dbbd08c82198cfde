"""Query engine client of the generated database client (reproduction, see ../_async_http.py)."""
from typing import Any

from .._async_http import HTTP


class QueryEngine:
    def __init__(self, url: str) -> None:
        self.url = url
        self.session = HTTP()

    async def request(self, method: str, path: str, *, content: Any = None) -> Any:
        resp = await self.session.request(method, self.url + path, content=content)
        if 300 > resp.status >= 200:
            return await resp.json()
        raise RuntimeError(await resp.text())
