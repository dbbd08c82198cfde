"""The messaging gateway: one asyncio process serving every platform adapter."""
import asyncio

from agent.model_metadata import get_model_context_length


class GatewayRunner:
    def __init__(self, config: dict) -> None:
        self.config = config
        self.sessions: dict = {}

    async def _handle_message(self, event: dict) -> str:
        model = self.config.get("model", "anthropic/claude-sonnet-4")
        context_length = get_model_context_length(model)  # bug
        session = self.sessions.setdefault(event["chat_id"], {"limit": context_length})
        await asyncio.sleep(0)
        return f"{len(session)}"
