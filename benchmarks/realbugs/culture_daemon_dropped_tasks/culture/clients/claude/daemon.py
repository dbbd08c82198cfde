import asyncio
import logging
import time

from culture.clients.claude.irc_transport import IRCTransport

logger = logging.getLogger(__name__)
CRASH_RESTART_DELAY = 5


class AgentRunner:
    def is_running(self) -> bool:
        return True

    async def send_prompt(self, prompt: str) -> None:
        await asyncio.sleep(0)


class AgentDaemon:
    def __init__(self, nick: str, host: str, port: int) -> None:
        self.nick = nick
        self._agent_runner = AgentRunner()
        self._last_activation = 0.0
        self._transport = IRCTransport(
            host,
            port,
            nick,
            on_mention=self._on_mention,
            on_roominvite=self._on_roominvite,
        )

    def _on_mention(self, target: str, sender: str, text: str) -> None:
        """Called by IRCTransport when the agent is @mentioned or DM'd."""
        if self._agent_runner.is_running():
            self._last_activation = time.time()
            prompt = f"[IRC @mention in {target}] <{sender}> {text}"
            asyncio.create_task(self._agent_runner.send_prompt(prompt))  # bug

    def _on_roominvite(self, channel: str, meta_text: str) -> None:
        """Called by IRCTransport when a ROOMINVITE is received."""
        asyncio.create_task(self._handle_roominvite(channel, meta_text))  # bug

    async def _handle_roominvite(self, channel: str, meta_text: str) -> None:
        await self._agent_runner.send_prompt(f"[invite {channel}] {meta_text}")

    async def _on_agent_exit(self, exit_code: int) -> None:
        logger.info("Restarting agent %s in %ds (exit %d)", self.nick, CRASH_RESTART_DELAY, exit_code)
        asyncio.create_task(self._delayed_restart())  # bug

    async def _delayed_restart(self) -> None:
        await asyncio.sleep(CRASH_RESTART_DELAY)
        await self._transport.connect()

    async def _handle_ipc(self, req_id: str, msg: dict) -> dict:
        msg_type = msg.get("type")
        if msg_type == "status":
            return {"id": req_id, "ok": True, "last": self._last_activation}
        elif msg_type == "shutdown":
            asyncio.create_task(self._graceful_shutdown())  # bug
            return {"id": req_id, "ok": True}
        return {"id": req_id, "ok": False, "error": f"Unknown message type: {msg_type!r}"}

    async def _graceful_shutdown(self) -> None:
        await asyncio.sleep(0.1)
