import asyncio
import logging
import pickle
from os.path import exists

_LOGGER = logging.getLogger(__name__)


class StoredData:
    def __init__(self, data_file):
        self._data_file = data_file
        self._lock = asyncio.Lock()
        self._cache_outdated = True
        self._data = {}

    async def _fetch_data(self):
        if self._cache_outdated and exists(self._data_file):  # also
            try:
                async with self._lock, open(self._data_file, "rb") as myfile:  # bug
                    self._data = pickle.load(myfile) or {}
                    self._cache_outdated = False
            except Exception:
                _LOGGER.error("Error loading data from pickled file %s", self._data_file)

    async def get_setting(self, key):
        await self._fetch_data()
        return self._data.get(key)


class TekmarHub:
    def __init__(self, hass, name):
        self._storage = StoredData(hass.config.path(f"tekmar_482.{name}.pickle"))

    async def storage_get(self, key):
        return await self._storage.get_setting(key)
