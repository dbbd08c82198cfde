"""Periodic tasks of a crescent bot (see client.py for the case)."""
from __future__ import annotations

from abc import ABC, abstractmethod
from asyncio import AbstractEventLoop, TimerHandle, ensure_future, get_running_loop
from typing import Awaitable, Callable

from crescent.client import Client

TaskCallbackT = Callable[[], Awaitable[None]]


class Task(ABC):
    def __init__(self, callback: TaskCallbackT) -> None:
        self.event_loop: AbstractEventLoop | None = None
        self.callback = callback
        self.timer_handle: TimerHandle | None = None
        self.client: Client | None = None

    def start(self) -> None:
        assert self.client
        self.client._run_future(self._start_inner())

    async def _start_inner(self) -> None:
        self.event_loop = get_running_loop()
        self._call_next()

    def stop(self) -> None:
        if self.timer_handle:
            self.timer_handle.cancel()

    def _call_async(self) -> None:
        ensure_future(self.callback())  # bug
        self._call_next()

    def _call_next(self) -> None:
        assert self.event_loop
        self.timer_handle = self.event_loop.call_later(self._next_iteration(), self._call_async)

    @abstractmethod
    def _next_iteration(self) -> float:
        """How long to wait until the next iteration."""


class Loop(Task):
    def __init__(self, callback: TaskCallbackT, seconds: float) -> None:
        super().__init__(callback)
        self.seconds = seconds

    def _next_iteration(self) -> float:
        return self.seconds
