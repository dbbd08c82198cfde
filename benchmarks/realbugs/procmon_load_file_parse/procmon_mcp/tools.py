"""MCP tools.

Reproduction of the shape fixed in https://github.com/JameZUK/ProcmonMCP/pull/31 (report:
https://github.com/JameZUK/ProcmonMCP/issues/24): the async load_file tool called
load_procmon_xml (relative from-import of another module), which streams and parses a multi-GB
XML capture synchronously: the server froze for the whole parse. The fix used asyncio.to_thread.
"""

import os

from mcp.server.fastmcp import Context

from . import server
from .parser import load_procmon_xml
from .server import mcp


@mcp.tool()
async def load_file(ctx: Context, file_path: str, no_stack_traces: bool = False, no_extra_data: bool = False) -> dict:
    abs_path = os.path.abspath(file_path)
    await ctx.info(f"[load_file] Loading '{os.path.basename(abs_path)}'...")
    new_data = load_procmon_xml(abs_path, not no_stack_traces, not no_extra_data)  # bug
    if not new_data.is_loaded():
        raise RuntimeError(f"Failed to load file: {abs_path}")
    server.LOADED_DATA = new_data
    return {"success": True, "event_count": len(new_data.events)}
