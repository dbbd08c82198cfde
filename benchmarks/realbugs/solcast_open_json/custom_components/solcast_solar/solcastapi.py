"""Forecast API client of a solar forecast integration (Home Assistant custom integration).

Reproduction of the shape fixed in https://github.com/BJReplay/ha-solcast-solar/pull/21 (merge
https://github.com/BJReplay/ha-solcast-solar/commit/38315cd4446257b8e2e31c7ced8da0a7a5c2ae9e, "Use aiofiles with async open",
solving the integration's "Detected blocking call to open" report #14): four `with open(...)`
blocks (json.dump / json.load of the cache and data files) directly in async methods of the API
class, one under `async with self._serialize_lock:`. The fix used aiofiles.open. The
os.path.exists checks (`from os.path import exists as file_exists`) stayed.
"""
from __future__ import annotations

import asyncio
import json
import logging
from datetime import datetime as dt
from os.path import exists as file_exists

from aiohttp import ClientSession

_LOGGER = logging.getLogger(__name__)


class DateTimeEncoder(json.JSONEncoder):
    def default(self, o):
        if isinstance(o, dt):
            return o.isoformat()


class JSONDecoder(json.JSONDecoder):
    def __init__(self, *args, **kwargs):
        json.JSONDecoder.__init__(self, object_hook=self.object_hook, *args, **kwargs)

    def object_hook(self, obj):
        return {k: dt.fromisoformat(v) if k == "period_start" else v for k, v in obj.items()}


class SolcastApi:
    def __init__(self, aiohttp_session: ClientSession, host: str, api_key: str, file_path: str, apiCacheEnabled: bool = False):
        self.aiohttp_session = aiohttp_session
        self.host = host
        self.api_key = api_key
        self.apiCacheEnabled = apiCacheEnabled
        self._data = {"siteinfo": {}, "last_updated": None}
        self._filename = file_path
        self._loaded_data = False
        self._serialize_lock = asyncio.Lock()

    async def serialize_data(self):
        """Serialize data to file."""
        if not self._loaded_data:
            return

        async with self._serialize_lock:
            with open(self._filename, "w") as f:  # bug
                json.dump(self._data, f, ensure_ascii=False, cls=DateTimeEncoder)

    async def sites_data(self):
        """Request the rooftop sites, through a cache file when enabled."""
        for spl in self.api_key.split(","):
            params = {"format": "json", "api_key": spl.strip()}
            apiCacheFileName = "sites.json"
            if self.apiCacheEnabled and file_exists(apiCacheFileName):  # also
                with open(apiCacheFileName) as f:  # bug
                    resp_json = json.load(f)
            else:
                resp = await self.aiohttp_session.get(url=f"{self.host}/rooftop_sites", params=params, ssl=False)
                resp_json = await resp.json(content_type=None)
                if self.apiCacheEnabled:
                    with open(apiCacheFileName, "w") as f:  # bug
                        json.dump(resp_json, f, ensure_ascii=False)
            _LOGGER.debug("sites_data returned %s", type(resp_json))

    async def load_saved_data(self):
        """Load the saved forecasts."""
        if file_exists(self._filename):  # also
            with open(self._filename) as data_file:  # bug
                jsonData = json.load(data_file, cls=JSONDecoder)
                if jsonData.get("version", 1) == 4:
                    self._data = jsonData
                    self._loaded_data = True
