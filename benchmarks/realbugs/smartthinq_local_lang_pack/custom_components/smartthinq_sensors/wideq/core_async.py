from __future__ import annotations

import json
import os

import aiohttp

_LOCAL_LANG_FILE = "local_lang_pack.json"
DEFAULT_LANGUAGE = "en-US"


class ClientAsync:
    def __init__(self, session: aiohttp.ClientSession, *, language: str = DEFAULT_LANGUAGE) -> None:
        self._session = session
        self._language = language
        self._local_lang_pack: dict[str, str] | None = None

    async def model_url_info(self, url: str) -> dict | None:
        async with self._session.get(url) as resp:
            return await resp.json()

    def local_lang_pack(self) -> dict[str, str]:
        """Load JSON local lang pack from local."""
        if self._local_lang_pack is not None:
            return self._local_lang_pack
        data_file = os.path.join(os.path.dirname(os.path.realpath(__file__)), _LOCAL_LANG_FILE)
        try:
            with open(data_file, "r", encoding="utf-8") as lang_file:
                lang_pack = json.load(lang_file)
        except (FileNotFoundError, json.JSONDecodeError):
            self._local_lang_pack = {}
            return {}
        result = lang_pack.get(self._language, lang_pack.get(DEFAULT_LANGUAGE, {}))
        self._local_lang_pack = result
        return result
