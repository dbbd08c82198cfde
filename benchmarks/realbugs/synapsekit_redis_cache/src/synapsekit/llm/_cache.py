from collections import OrderedDict


class AsyncLRUCache:
    def __init__(self, maxsize: int = 128):
        self._data: OrderedDict[str, str] = OrderedDict()
        self._maxsize = maxsize

    @staticmethod
    def make_key(*parts) -> str:
        return "|".join(str(p) for p in parts)

    def get(self, key: str):
        if key in self._data:
            self._data.move_to_end(key)
            return self._data[key]
        return None

    def put(self, key: str, value: str) -> None:
        self._data[key] = value
        if len(self._data) > self._maxsize:
            self._data.popitem(last=False)
