"""Coordinates sessions, their storage and the web clients.

Reproduction of the shape fixed in https://github.com/EdanStarfire/claudecode_webui/pull/886
(report: https://github.com/EdanStarfire/claudecode_webui/issues/863): a sync method scheduled the
storage write of a tool-call update with asyncio.ensure_future(self._write_tool_call_update(...))
and dropped the task: its failures were silent and the task could be collected mid-flight. The fix
kept the task and attached a done callback that logs its exception.
"""

import asyncio
import logging
from typing import Any

coord_logger = logging.getLogger(__name__)


class SessionCoordinator:
    def __init__(self) -> None:
        self._storage_managers: dict[str, Any] = {}

    async def on_tool_call(self, session_id: str, tool_call: dict) -> None:
        tool_call["state"] = "running"
        self._schedule_tool_call_update_storage(session_id, tool_call)

    def _schedule_tool_call_update_storage(self, session_id: str, tool_call: dict) -> None:
        storage = self._storage_managers.get(session_id)
        if not storage:
            coord_logger.warning("No storage manager for session %s", session_id)
            return
        stored_dict = {"type": "tool_call_update", **tool_call}
        asyncio.ensure_future(self._write_tool_call_update(storage, stored_dict, tool_call["id"]))  # bug

    async def _write_tool_call_update(self, storage, stored_dict: dict, tool_use_id: str) -> None:
        await storage.append_message(stored_dict)
        coord_logger.debug("Stored ToolCallUpdate for %s", tool_use_id)
