"""MCP server of an agent CLI.

Reproduction of the shape fixed in https://github.com/mangowhoiscloud/geode/pull/2127 (commit 38de0ae,
"run_agent awaits async oneshot core - event-loop conflict"): FastMCP runs a sync tool function on
its event loop, and the run_agent tool called the sync run_agentic_oneshot, which ends in a helper
that starts its own loop runner (and raises when a loop is running). The fix made the tool async
and awaited an async core.
"""
from __future__ import annotations

from typing import Any

from mcp.server.fastmcp import FastMCP


def create_mcp_server(host: str | None = None, port: int | None = None) -> FastMCP:
    mcp = FastMCP("geode", host=host or "127.0.0.1", port=port or 8765)

    @mcp.tool(description="Run one agentic one-shot and return the result.")
    def run_agent(prompt: str, time_budget_s: float = 120.0) -> dict[str, Any]:
        from core.cli.bootstrap import run_agentic_oneshot

        result = run_agentic_oneshot(prompt, quiet=True, time_budget_s=time_budget_s)  # bug
        return {
            "text": getattr(result, "text", ""),
            "rounds": getattr(result, "rounds", 0),
            "termination_reason": getattr(result, "termination_reason", "unknown"),
        }

    @mcp.tool(description="Report the server's status.")
    def status() -> dict[str, Any]:
        return {"ok": True}

    return mcp


def main() -> None:
    create_mcp_server().run(transport="streamable-http")
