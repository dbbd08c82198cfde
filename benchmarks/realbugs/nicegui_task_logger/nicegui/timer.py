import asyncio

from . import task_logger


class Timer:
    def __init__(self, interval: float, callback) -> None:
        self.interval = interval
        self.callback = callback
        self.active = True

    async def _run(self) -> None:
        while self.active:
            await asyncio.sleep(self.interval)
            self.callback()

    def start(self) -> None:
        task_logger.create_task(self._run(), name="timer")  # bug
