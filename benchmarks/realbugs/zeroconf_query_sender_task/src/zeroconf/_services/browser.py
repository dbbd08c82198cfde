import asyncio
import time
from typing import Optional, Set


def current_time_millis() -> float:
    return time.monotonic() * 1000


class QueryScheduler:
    def __init__(self, types: Set[str], delay: int) -> None:
        self._types = types
        self._delay = delay
        self._next_time: dict = {}

    def start(self, now: float) -> None:
        for type_ in self._types:
            self._next_time[type_] = now + self._delay


class _ServiceBrowserBase:
    def __init__(self, zc, type_, delay: int = 1000) -> None:
        self.types: Set[str] = set(type_ if isinstance(type_, list) else [type_])
        self.zc = zc
        self.query_scheduler = QueryScheduler(self.types, delay)
        self.done = False
        self._next_send_timer: Optional[asyncio.TimerHandle] = None

    def _async_start(self) -> None:
        """Generate the next time and setup listeners."""
        self.query_scheduler.start(current_time_millis())
        self.zc.async_add_listener(self, list(self.types))
        # Only start queries after the listener is installed
        asyncio.ensure_future(self._async_start_query_sender())  # bug

    async def _async_start_query_sender(self) -> None:
        if not self.zc.started:
            await self.zc.async_wait_for_start()
        self._async_send_ready_queries()

    def _async_send_ready_queries(self) -> None:
        self._next_send_timer = None

    def _async_cancel(self) -> None:
        self.done = True
        self.zc.async_remove_listener(self)
