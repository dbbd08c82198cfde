import time
from typing import Any, Awaitable, Callable


async def aretry_on_exceptions_with_backoff(
    async_fn: Callable[[], Awaitable[Any]],
    errors: tuple[type[Exception], ...],
    max_tries: int = 10,
    min_backoff_secs: float = 0.5,
) -> Any:
    backoff = min_backoff_secs
    tries = 0
    while True:
        try:
            return await async_fn()
        except errors:
            tries += 1
            if tries >= max_tries:
                raise
            time.sleep(backoff)  # bug
            backoff *= 2
