class _AsyncCM:
    """Async context manager around a not-yet-awaited request coroutine."""

    __slots__ = ("_coro", "_resp")

    def __init__(self, coro):
        self._coro = coro
        self._resp = None

    async def __aenter__(self):
        resp = await self._coro
        self._resp = resp
        return await resp.__aenter__()

    async def __aexit__(self, exc_type, exc_val, exc_tb):
        return await self._resp.__aexit__(exc_type, exc_val, exc_tb)
