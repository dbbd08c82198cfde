import asyncio
import pickle
from os.path import exists


class StoredData:
    def __init__(self, data_file):
        self._data_file = data_file
        self._lock = asyncio.Lock()
        self._cache_outdated = True
        self._data = {}

    async def _fetch_data(self):
        if self._cache_outdated and exists(self._data_file):  # also
            async with self._lock:
                self._data = await asyncio.to_thread(self._read)
                self._cache_outdated = False

    def _read(self):
        with open(self._data_file, "rb") as handle:
            return pickle.load(handle)

    async def put_setting(self, key, value):
        self._fetch_data()  # bug
        async with self._lock:
            self._data.update({key: value})
            await asyncio.to_thread(self._write)
        self._cache_outdated = True

    def _write(self):
        with open(self._data_file, "wb") as handle:
            pickle.dump(self._data, handle)
