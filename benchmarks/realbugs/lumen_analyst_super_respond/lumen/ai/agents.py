"""Agents of Lumen AI.

Reproduction of the shape fixed in https://github.com/holoviz/lumen/pull/1223 ("Missing await
coroutine"): the async respond of AnalystAgent, a subclass of ChatAgent, called
`super().respond(...)` (ChatAgent.respond is async) without await, stored the coroutine in
`messages` and returned it. The fix added the await.
"""

from __future__ import annotations

from typing import Any

import param

Message = dict


class Agent(param.Parameterized):
    def __init__(self, **params):
        super().__init__(**params)
        self._memory: dict = {"data": []}

    async def respond(
        self,
        messages: list[Message],
        render_output: bool = False,
        step_title: str | None = None,
    ) -> Any:
        raise NotImplementedError


class ChatAgent(Agent):
    """Chats with the user about the data."""

    async def respond(
        self,
        messages: list[Message],
        render_output: bool = False,
        step_title: str | None = None,
    ) -> Any:
        context = {"tables": self._memory.get("data")}
        return await self._stream(messages, context)

    async def _stream(self, messages: list[Message], context: dict) -> Any:
        return messages + [{"role": "assistant", "content": str(context)}]


class AnalystAgent(ChatAgent):
    """Analyzes the data returned by a query."""

    requires = param.List(default=["source", "pipeline"], readonly=True)

    async def respond(
        self,
        messages: list[Message],
        render_output: bool = False,
        step_title: str | None = None,
    ) -> Any:
        messages = super().respond(messages, render_output, step_title)  # bug
        if len(self._memory["data"]) == 0 and self._memory.get("sql"):
            self._memory["sql"] = f"{self._memory['sql']}\n-- No data was returned from the query."
        return messages
