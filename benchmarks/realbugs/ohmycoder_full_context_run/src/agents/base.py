"""Base class of the coding agents.

Reproduction of the shape reported in https://github.com/VOBC/oh-my-coder/issues/13 (closed as
fixed): the sync get_full_context() ran asyncio.run(awareness.get_current_tab()), and the async
execute() of the agents called it, so asyncio.run ran inside the running loop and always fell
into the 'browser context unavailable' branch. The fix awaited the coroutine directly.
"""

import asyncio

from ..context.browser_context import BrowserAwareness


class BaseAgent:
    name = "base"

    def get_full_context(self, max_depth: int = 3) -> dict[str, str]:
        result = {"agent": self.name, "depth": str(max_depth)}
        try:
            awareness = BrowserAwareness()
            browser_ctx = asyncio.run(awareness.get_current_tab())
            result["browser"] = browser_ctx.to_context_string()
        except Exception:
            result["browser"] = "[browser context unavailable]"
        return result

    async def execute(self, task: str) -> str:
        context = self.get_full_context()  # bug
        return f"{task}: {context}"
