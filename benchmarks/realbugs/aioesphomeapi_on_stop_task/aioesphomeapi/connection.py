"""Connection to a device; tells its owner through on_stop when it goes down.

Reproduction of the shape fixed in https://github.com/esphome/aioesphomeapi/pull/382: the sync
cleanup scheduled the owner's on_stop coroutine (a callable attribute given to __init__) with
asyncio.create_task(...) and dropped the task, which may then be garbage collected mid-run.
"""

from __future__ import annotations

import asyncio
from typing import Any, Callable, Coroutine, Optional


class APIConnection:
    def __init__(self, params, on_stop: Callable[[], Coroutine[Any, Any, None]]) -> None:
        self._params = params
        self.on_stop: Optional[Callable[[], Coroutine[Any, Any, None]]] = on_stop
        self._connect_task: Optional[asyncio.Task[None]] = None
        self._connect_complete = False
        self._transport = None

    def _cleanup(self) -> None:
        """Close the transport and tell the owner, once."""
        if self._connect_task is not None:
            self._connect_task.cancel()
            self._connect_task = None
        if self._transport is not None:
            self._transport.close()
            self._transport = None
        if self.on_stop and self._connect_complete:
            asyncio.create_task(self.on_stop())  # bug
            self.on_stop = None

    def report_fatal_error(self, err: Exception) -> None:
        self._cleanup()
