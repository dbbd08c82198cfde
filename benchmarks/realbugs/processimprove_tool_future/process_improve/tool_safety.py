"""Sandboxed tool execution of a process-improvement toolkit (reproduction, see mcp_server.py)."""
from __future__ import annotations

from concurrent.futures import ProcessPoolExecutor
from concurrent.futures import TimeoutError as FuturesTimeoutError
from typing import Any

from process_improve.config import settings


class ToolSafetyError(Exception):
    def to_dict(self) -> dict[str, Any]:
        return {"error": str(self)}


class ToolTimeoutError(ToolSafetyError):
    pass


def _worker_run(tool_name: str, tool_input: dict[str, Any]) -> Any:
    from process_improve.tool_spec import discover_tools, execute_tool_call

    discover_tools()
    return execute_tool_call(tool_name, tool_input)


_pool: ProcessPoolExecutor | None = None


def get_pool(max_workers: int = 1) -> ProcessPoolExecutor:
    global _pool
    if _pool is None:
        _pool = ProcessPoolExecutor(max_workers=max_workers)
    return _pool


def safe_execute_tool_call(tool_name: str, tool_input: dict[str, Any], *, timeout: float | None = None) -> Any:
    """Run a tool in a worker process with a wall-clock limit."""
    if timeout is None:
        timeout = settings.tool_timeout
    pool = get_pool()
    future = pool.submit(_worker_run, tool_name, tool_input)
    try:
        return future.result(timeout=timeout)
    except FuturesTimeoutError as exc:
        raise ToolTimeoutError(f"Tool {tool_name!r} exceeded {timeout}s timeout") from exc
