"""Shared MCP server and the loaded capture."""

from mcp.server.fastmcp import FastMCP

mcp = FastMCP("ProcmonMCP")
LOADED_DATA = None
