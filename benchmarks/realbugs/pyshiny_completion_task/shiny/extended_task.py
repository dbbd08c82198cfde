import asyncio


class ExtendedTask:
    def __init__(self, func):
        self._func = func
        self.status = "initial"

    def _done_callback(self, future):
        async def _impl():
            await asyncio.sleep(0)
            self.status = "error" if future.exception() else "success"

        asyncio.create_task(_impl())  # bug
