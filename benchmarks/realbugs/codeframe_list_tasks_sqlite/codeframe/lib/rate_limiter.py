from typing import Callable

from slowapi import Limiter
from slowapi.util import get_remote_address

_limiter = Limiter(key_func=get_remote_address)


def rate_limit_standard() -> Callable:
    """Standard API endpoint rate limit (slowapi keeps the wrapped function's sync/async nature)."""

    def wrapper(func: Callable) -> Callable:
        return _limiter.limit("100/minute")(func)

    return wrapper
