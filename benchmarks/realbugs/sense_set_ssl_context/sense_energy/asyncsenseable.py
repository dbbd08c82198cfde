"""Async client of the Sense energy monitor API.

Reproduction of the shape fixed in https://github.com/scottbonline/sense/pull/62 (commit dc2a369,
"Only create ssl context once"), reported as https://github.com/scottbonline/sense/issues/61:
Home Assistant's sense integration builds ASyncSenseable(...) in its async setup; the base
__init__ (sense_api.py) calls self.set_ssl_context, which runs ssl.create_default_context() on the
event loop (load_default_certs reads the CA bundle from disk). The async authenticate calls it
again. The fix moved the context creation into an lru_cache'd module function.
"""
import ssl

import aiohttp

from .sense_api import API_URL, API_TIMEOUT, SenseableBase


class ASyncSenseable(SenseableBase):
    def __init__(self, username=None, password=None, api_timeout=API_TIMEOUT,
                 client_session=None, ssl_verify=True, ssl_cafile="", device_id=None):
        self._client_session = client_session or aiohttp.ClientSession()
        super().__init__(username=username, password=password, api_timeout=api_timeout,
                         ssl_verify=ssl_verify, ssl_cafile=ssl_cafile, device_id=device_id)

    def set_ssl_context(self, ssl_verify, ssl_cafile):
        """Create or set the SSL context. Use custom ssl verification, if specified."""
        if not ssl_verify:
            self.ssl_context = ssl.create_default_context()  # bug
            self.ssl_context.check_hostname = False
            self.ssl_context.verify_mode = ssl.CERT_NONE
        elif ssl_cafile:
            self.ssl_context = ssl.create_default_context(cafile=ssl_cafile)  # bug
        else:
            self.ssl_context = ssl.create_default_context()  # bug

    async def authenticate(self, username, password, ssl_verify=True, ssl_cafile=""):  # also
        auth_data = {"email": username, "password": password}
        self.set_ssl_context(ssl_verify, ssl_cafile)  # also
        async with self._client_session.post(
            API_URL + "authenticate", headers=self.headers, timeout=self.api_timeout, data=auth_data
        ) as resp:
            if resp.status != 200:
                raise RuntimeError(f"API Return Code: {resp.status}")
            self._set_auth_data(await resp.json())

    def load_auth(self, access_token, user_id, device_id, refresh_token):
        self.device_id = device_id
        self._set_auth_data({"access_token": access_token, "user_id": user_id,
                             "refresh_token": refresh_token})
