"""MCP server of a process-improvement toolkit.

Reproduction of the shape reported in https://github.com/kgdunn/process-improve/issues/312 ("the MCP
dispatch path is sync inside an async server": the async handler calls safe_execute_tool_call, which
blocks the event loop on future.result(timeout=...)) and fixed in
https://github.com/kgdunn/process-improve/pull/353 (commit af75dc7): the handler now hands either
sync path (the process-pool one, or the in-process tool run) to loop.run_in_executor.
"""
from __future__ import annotations

import json
import logging
from typing import Any

from mcp.server.fastmcp import FastMCP

from process_improve.config import settings
from process_improve.tool_safety import ToolSafetyError, safe_execute_tool_call
from process_improve.tool_spec import execute_tool_call, get_tool_specs

logger = logging.getLogger(__name__)

mcp = FastMCP("process-improve", instructions="Process improvement tools; JSON in, JSON out.")


def _create_mcp_tool(tool_name: str, tool_description: str) -> None:
    """Create and register a single MCP tool that delegates to the tool registry."""

    async def handler(**kwargs: Any) -> str:
        try:
            result = (
                safe_execute_tool_call(tool_name, kwargs)  # bug
                if settings.mcp_safe_mode
                else execute_tool_call(tool_name, kwargs)  # bug
            )
            if isinstance(result, dict):
                return json.dumps(result, indent=2, default=str)
            return str(result)
        except ToolSafetyError as exc:
            return json.dumps(exc.to_dict())
        except Exception:
            logger.exception("Tool %r raised an unexpected error", tool_name)
            return json.dumps({"error": "internal error while executing tool", "tool": tool_name})

    handler.__name__ = tool_name
    handler.__doc__ = tool_description
    mcp.add_tool(handler, name=tool_name, description=tool_description)


def _register_all_tools() -> None:
    for spec in get_tool_specs():
        _create_mcp_tool(spec["name"], spec["description"])


def main() -> None:
    _register_all_tools()
    mcp.run()


if __name__ == "__main__":
    main()
