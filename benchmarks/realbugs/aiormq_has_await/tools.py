"""Feature test at import time: does a coroutine object have ``__await__``? The coroutine is
created only to be inspected and never awaited (a RuntimeWarning on every import)."""


async def _probe() -> None:
    return None


HAS_AWAIT_METHOD = hasattr(_probe(), "__await__")  # bug
