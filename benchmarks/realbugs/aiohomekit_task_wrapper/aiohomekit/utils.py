from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable
from typing import TypeVar

_LOGGER = logging.getLogger(__name__)

T = TypeVar("T")


def async_create_task(coroutine: Awaitable[T], *, name=None) -> asyncio.Task[T]:
    """Wrapper for asyncio.create_task that logs errors."""
    task = asyncio.create_task(coroutine, name=name)
    task.add_done_callback(_handle_task_result)
    return task


def _handle_task_result(task: asyncio.Task) -> None:
    try:
        task.result()
    except asyncio.CancelledError:
        pass
    except Exception:
        _LOGGER.exception("Failure running background task: %s", task.get_name())
