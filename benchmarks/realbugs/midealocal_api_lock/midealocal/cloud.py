"""Midea local cloud.

Reproduction of the shape fixed by https://github.com/midea-lan/midea-local/pull/482 ("fix: use
asyncio.Lock() instead of threading.Lock()", from a Home Assistant review comment on
home-assistant/core#151930): MideaCloud.__init__ set self._api_lock = Lock() with
`from threading import Lock`, and the async _api_request of MideaCloud and of its subclass
MideaAirCloud held it with `with self._api_lock:` around `await self._session.request(...)` and
`await r.read()`: a second request blocks the event loop on the held lock. The fix imported Lock
from asyncio and used `async with`.
"""

import json
import logging
import time
from datetime import UTC, datetime
from secrets import token_hex
from threading import Lock
from typing import Any, cast

from aiohttp import ClientConnectionError, ClientSession, ClientTimeout

from .security import CloudSecurity

_LOGGER = logging.getLogger(__name__)


class MideaCloud:
    """Midea Cloud."""

    def __init__(
        self,
        session: ClientSession,
        security: CloudSecurity,
        app_id: str,
        app_key: str,
        account: str,
        password: str,
        api_url: str,
    ) -> None:
        """Initialize Midea Cloud."""
        self._device_id = CloudSecurity.get_deviceid(account)
        self._session = session
        self._security = security
        self._api_lock = Lock()
        self._app_id = app_id
        self._app_key = app_key
        self._account = account
        self._password = password
        self._api_url = api_url
        self._access_token: str | None = None
        self._uid: str | None = None
        self._login_id = ""

    def _make_general_data(self) -> dict[Any, Any]:
        return {}

    async def _api_request(
        self,
        endpoint: str,
        data: dict[str, Any],
        header: dict[str, Any] | None = None,
    ) -> dict | None:
        header = header or {}
        if not data.get("reqId"):
            data.update({"reqId": token_hex(16)})
        if not data.get("stamp"):
            data.update(
                {"stamp": datetime.now(tz=UTC).strftime("%Y%m%d%H%M%S")},
            )
        random = str(int(time.time()))
        url = self._api_url + endpoint
        dump_data = json.dumps(data)
        sign = self._security.sign("", dump_data, random)
        header.update(
            {
                "content-type": "application/json; charset=utf-8",
                "secretVersion": "1",
                "sign": sign,
                "random": random,
            },
        )
        if self._uid is not None:
            header.update({"uid": self._uid})
        if self._access_token is not None:
            header.update({"accessToken": self._access_token})
        response: dict = {"code": -1}
        for _ in range(3):
            try:
                with self._api_lock:  # bug
                    r = await self._session.request(
                        "POST",
                        url,
                        headers=header,
                        data=dump_data,
                        timeout=ClientTimeout(10),
                    )
                    raw = await r.read()
                    _LOGGER.debug(
                        "Midea cloud API url: %s, \n data: %s, \n response: %s",
                        url,
                        data,
                        raw,
                    )
                    response = json.loads(raw)
                    break
            except (TimeoutError, ClientConnectionError, json.JSONDecodeError) as e:
                _LOGGER.warning(
                    "Midea cloud API error, url: %s, error: %s",
                    url,
                    repr(e),
                )
        if int(response["code"]) == 0 and "data" in response:
            return cast(dict, response["data"])
        return None

    async def _get_login_id(self) -> str | None:
        data = self._make_general_data()
        data.update({"loginAccount": f"{self._account}"})
        if response := await self._api_request(
            endpoint="/v1/user/login/id/get",
            data=data,
        ):
            return cast(str, response.get("loginId"))
        return None


class MideaAirCloud(MideaCloud):
    """Midea Air Cloud."""

    def __init__(
        self,
        cloud_name: str,
        session: ClientSession,
        account: str,
        password: str,
    ) -> None:
        """Initialize Midea Air Cloud."""
        super().__init__(
            session=session,
            security=CloudSecurity(login_key="ff0cf6f5f0c3471de36341cab3f7a9af"),
            app_id="1117",
            app_key="ff0cf6f5f0c3471de36341cab3f7a9af",
            account=account,
            password=password,
            api_url="https://mapp.appsmb.com",
        )
        self._cloud_name = cloud_name
        self._session_id: str | None = None

    def _make_general_data(self) -> dict[str, Any]:
        data = {
            "src": self._app_id,
            "format": "2",
            "deviceId": self._device_id,
        }
        if self._session_id is not None:
            data.update({"sessionId": self._session_id})
        return data

    async def _api_request(
        self,
        endpoint: str,
        data: dict[str, Any],
        header: dict[str, Any] | None = None,
    ) -> dict | None:
        header = header or {}
        if not data.get("stamp"):
            data.update({"stamp": datetime.now(tz=UTC).strftime("%Y%m%d%H%M%S")})
        url = self._api_url + endpoint
        sign = self._security.sign(url, json.dumps(data), "")
        data.update({"sign": sign})
        response: dict = {"errorCode": -1}
        for _ in range(3):
            try:
                with self._api_lock:  # bug
                    r = await self._session.request(
                        "POST",
                        url,
                        headers=header,
                        data=data,
                        timeout=ClientTimeout(10),
                    )
                    raw = await r.read()
                    _LOGGER.debug("Midea cloud API url: %s, data: %s, response: %s", url, data, raw)
                    response = json.loads(raw)
                    break
            except (TimeoutError, ClientConnectionError, json.JSONDecodeError) as e:
                _LOGGER.warning("Midea cloud API error, url: %s, error: %s", url, repr(e))
        if int(response["errorCode"]) == 0 and "result" in response:
            return cast(dict, response["result"])
        return None
