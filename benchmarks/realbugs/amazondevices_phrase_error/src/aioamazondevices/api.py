"""Alexa device API client on aiohttp.

Reproduction of the shape fixed in https://github.com/chemelli74/aioamazondevices/pull/355
(commit 204af32, "chore: missing awaits"): _http_phrase_error became an async method, and three
callers inside the async request and registration methods kept calling it without await, so the
raised exceptions carried a coroutine object (and Python warned it was never awaited) instead of
the HTTP phrase.
"""
import logging
import mimetypes
from http import HTTPMethod, HTTPStatus
from pathlib import Path
from typing import Any

import orjson
from aiohttp import ClientConnectorError, ClientResponse, ClientSession

from .const import DEFAULT_HEADERS, HTML_EXTENSION, HTTP_ERROR_199, HTTP_ERROR_299, SAVE_PATH, URI_SIGNIN
from .exceptions import CannotAuthenticate, CannotConnect, CannotRegisterDevice, CannotRetrieveData

_LOGGER = logging.getLogger(__name__)


class AmazonEchoApi:
    """Queries Amazon for Echo devices."""

    def __init__(self, session: ClientSession, domain: str, login_email: str, save_raw_data: bool = False) -> None:
        self.session = session
        self._domain = domain
        self._login_email = login_email
        self._save_raw_data = save_raw_data
        self._cookies: dict[str, str] = {}

    async def _ignore_ap_signin_error(self, response: ClientResponse) -> bool:
        """Return true if error is due to signin endpoint."""
        if history := response.history:
            return response.status == HTTPStatus.NOT_FOUND and URI_SIGNIN in history[0].request_info.url.path
        return False

    async def _http_phrase_error(self, error: int) -> str:
        """Convert numeric error in human phrase."""
        if error == HTTP_ERROR_199:
            return "Miscellaneous Warning"
        if error == HTTP_ERROR_299:
            return "Miscellaneous Persistent Warning"
        return HTTPStatus(error).phrase

    async def _session_request(
        self, method: str, url: str, input_data: dict[str, Any] | None = None, json_data: bool = False
    ) -> ClientResponse:
        """Return request response context data."""
        headers = dict(DEFAULT_HEADERS)
        if json_data:
            headers["Content-Type"] = "application/json; charset=utf-8"
        try:
            resp = await self.session.request(
                method,
                url,
                data=input_data if not json_data else orjson.dumps(input_data),
                cookies=self._cookies,
                headers=headers,
            )
        except (TimeoutError, ClientConnectorError) as exc:
            raise CannotConnect(f"Connection error during {method}") from exc

        content_type: str = resp.headers.get("Content-Type", "")
        if resp.status != HTTPStatus.OK:
            if resp.status in [HTTPStatus.FORBIDDEN, HTTPStatus.PROXY_AUTHENTICATION_REQUIRED, HTTPStatus.UNAUTHORIZED]:
                raise CannotAuthenticate(self._http_phrase_error(resp.status))  # bug
            if not await self._ignore_ap_signin_error(resp):
                raise CannotRetrieveData(
                    f"Request failed: {self._http_phrase_error(resp.status)}"  # bug
                )

        await self._save_to_file(
            await resp.text(), url, mimetypes.guess_extension(content_type.split(";")[0]) or ".raw"
        )
        return resp

    async def _save_to_file(self, raw_data: str, url: str, extension: str = HTML_EXTENSION) -> None:
        """Save response data to disk (debug option)."""
        if not self._save_raw_data or not raw_data:
            return
        output_dir = Path(SAVE_PATH)
        output_dir.mkdir(parents=True, exist_ok=True)
        fullpath = Path(output_dir, url.split("/")[-1] + extension)
        with Path.open(fullpath, mode="w", encoding="utf-8") as file:  # also
            file.write(raw_data)

    async def _register_device(self, data: dict[str, Any]) -> dict[str, Any]:
        """Register a dummy Alexa device."""
        body = {"auth_data": {"authorization_code": data["authorization_code"]}}
        register_url = f"https://api.amazon.{self._domain}/auth/register"
        resp = await self._session_request(method=HTTPMethod.POST, url=register_url, input_data=body, json_data=True)
        resp_json = await resp.json()

        if resp.status != HTTPStatus.OK:
            msg = resp_json["response"]["error"]["message"]
            _LOGGER.error("Cannot register device for %s: %s", self._login_email, msg)
            raise CannotRegisterDevice(f"{self._http_phrase_error(resp.status)}: {msg}")  # bug

        return resp_json["response"]["success"]["tokens"]
