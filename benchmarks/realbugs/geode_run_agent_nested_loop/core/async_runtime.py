"""Async runtime helpers of an agent CLI (reproduction, see mcp_server.py)."""
from __future__ import annotations

import asyncio
from collections.abc import Coroutine
from typing import Any, TypeVar

T = TypeVar("T")


def run_process_coroutine(coro: Coroutine[Any, Any, T]) -> T:
    """Run a coroutine from a synchronous process or thread entry point."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        with asyncio.Runner() as runner:
            return runner.run(coro)

    coro.close()
    raise RuntimeError("run_process_coroutine() cannot be called from an active event loop")
