"""Shared request preparation of the sync and async HTTP clients."""

import json as jsonlib
from typing import Any

from apify_client.http_compressors._base import HttpCompressor
from apify_client.http_compressors._gzip import GzipHttpCompressor


class HttpClientAsync:
    def __init__(self, *, token: str | None = None, http_compressor: HttpCompressor | None = None) -> None:
        self._token = token
        self._http_compressor = http_compressor or GzipHttpCompressor()

    def _prepare_request_call(
        self,
        *,
        headers: dict[str, str] | None = None,
        params: dict[str, Any] | None = None,
        data: str | bytes | None = None,
        json: Any = None,
    ) -> tuple[dict[str, str], dict[str, Any] | None, bytes | None]:
        """Serialize JSON and compress the body."""
        headers = dict(headers) if headers else {}
        if json is not None:
            data = jsonlib.dumps(json, ensure_ascii=False, default=str).encode("utf-8")
            headers["Content-Type"] = "application/json"
        if isinstance(data, (str, bytes)):
            if isinstance(data, str):
                data = data.encode("utf-8")
            data = self._http_compressor.compress(data)
            headers["Content-Encoding"] = self._http_compressor.content_encoding
        return headers, params, data
