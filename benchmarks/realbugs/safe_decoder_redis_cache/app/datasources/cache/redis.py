import functools
import hashlib
import json

from redis import Redis

from ...config import settings


@functools.cache
def get_redis() -> Redis:
    return Redis.from_url(settings.REDIS_URL)


def cache_response(ttl: int = 60):
    def decorator(func):
        @functools.wraps(func)
        async def wrapper(*args, **kwargs):
            key = hashlib.md5(f"{func.__name__}:{args}:{kwargs}".encode()).hexdigest()
            redis = get_redis()
            cached = redis.get(key)  # bug
            if cached is not None:
                return json.loads(cached)
            result = await func(*args, **kwargs)
            redis.set(key, json.dumps(result), ex=ttl)  # bug
            return result

        return wrapper

    return decorator
