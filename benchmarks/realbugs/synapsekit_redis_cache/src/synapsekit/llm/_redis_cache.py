import json

import redis


class RedisLLMCache:
    def __init__(self, url: str, ttl: int | None = None, prefix: str = "synapsekit:"):
        self._client = redis.Redis.from_url(url)
        self._ttl = ttl
        self._prefix = prefix

    @staticmethod
    def make_key(*parts) -> str:
        return "|".join(str(p) for p in parts)

    def get(self, key: str):
        raw = self._client.get(self._prefix + key)
        return json.loads(raw) if raw is not None else None

    def put(self, key: str, value: str) -> None:
        self._client.set(self._prefix + key, json.dumps(value), ex=self._ttl)
