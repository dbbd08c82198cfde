"""MCP server clients for the agent's tools.

Reproduction of the shape reported in https://github.com/agent0ai/agent-zero/issues/1355 (closed
as fixed): every client method wrapped its awaited MCP call in `with self.__lock:`, a
threading.Lock declared as a ClassVar; while one call awaited the server, another coroutine
blocked the event loop thread trying to take the same lock (a freeze / deadlock). The fix moved
to asyncio locks.
"""

import threading
from typing import Any, ClassVar


class _Session:
    async def call_tool(self, name: str, arguments: dict[str, Any]) -> dict[str, Any]:
        return {"tool": name, "arguments": arguments}

    async def list_tools(self) -> list[str]:
        return []


class MCPClientBase:
    __lock: ClassVar[threading.Lock] = threading.Lock()

    def __init__(self, server_name: str) -> None:
        self.server_name = server_name
        self.__client = _Session()
        self.tools: list[str] = []

    async def call_tool(self, tool_name: str, input_data: dict[str, Any]) -> dict[str, Any]:
        with self.__lock:  # bug
            return await self.__client.call_tool(tool_name, input_data)

    async def update_tools(self) -> "MCPClientBase":
        with self.__lock:  # bug
            self.tools = await self.__client.list_tools()
        return self
