"""Async HTTP client built on impit.

Reproduction of the shape fixed in https://github.com/apify/apify-client-python/pull/950: the async
call() ran self._prepare_request_call (inherited from the base client of another module), which
serializes the JSON body and compresses it through self._http_compressor (typed as the abstract
HttpCompressor, gzip or brotli by default): CPU-bound work on the event loop. The fix offloads it
with asyncio.to_thread when there is a body.
"""

from typing import Any

import impit

from apify_client.http_clients._base import HttpClientAsync


class ImpitHttpClientAsync(HttpClientAsync):
    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._impit_async_client = impit.AsyncClient()

    async def call(
        self,
        *,
        method: str,
        url: str,
        headers: dict[str, str] | None = None,
        params: dict[str, Any] | None = None,
        data: str | bytes | None = None,
        json: Any = None,
    ):
        prepared_headers, prepared_params, content = self._prepare_request_call(  # bug
            headers=headers,
            params=params,
            data=data,
            json=json,
        )
        return await self._impit_async_client.request(
            method, url, headers=prepared_headers, params=prepared_params, content=content
        )
