from abc import ABC, abstractmethod
from dataclasses import dataclass

from ._cache import AsyncLRUCache


@dataclass
class LLMConfig:
    model: str
    cache: bool = False
    cache_backend: str = "memory"
    cache_url: str = ""
    cache_maxsize: int = 128


class BaseLLM(ABC):
    def __init__(self, config: LLMConfig):
        self.config = config
        self._cache = None
        if config.cache_backend == "redis":
            from ._redis_cache import RedisLLMCache

            self._cache = RedisLLMCache(config.cache_url)
        elif config.cache:
            self._cache = AsyncLRUCache(config.cache_maxsize)

    @abstractmethod
    async def _generate(self, prompt: str, **kw) -> str: ...

    async def generate(self, prompt: str, **kw) -> str:
        if self._cache is not None:
            key = self._cache.make_key(self.config.model, prompt)
            cached = self._cache.get(key)  # bug
            if cached is not None:
                return cached
        text = await self._generate(prompt, **kw)
        if self._cache is not None:
            self._cache.put(key, text)  # bug
        return text
