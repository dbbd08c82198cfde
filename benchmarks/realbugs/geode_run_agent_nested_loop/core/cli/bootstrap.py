"""Bootstrap of an agent CLI (reproduction, see ../mcp_server.py)."""
from __future__ import annotations

from typing import Any


def run_agentic_oneshot(prompt: str, *, quiet: bool = True, time_budget_s: float = 60.0) -> Any:
    """Build a minimal isolated AgenticLoop and run a prompt one-shot (CLI and MCP callers)."""
    from core.agent.loop import AgenticLoop
    from core.async_runtime import run_process_coroutine

    loop = AgenticLoop(quiet=quiet, time_budget_s=time_budget_s)
    return run_process_coroutine(loop.arun(prompt))
