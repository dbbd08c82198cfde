"""Agentic loop of an agent CLI (reproduction, see ../mcp_server.py)."""
from __future__ import annotations

import asyncio
from dataclasses import dataclass


@dataclass
class AgenticResult:
    text: str
    rounds: int
    termination_reason: str


class AgenticLoop:
    def __init__(self, *, quiet: bool, time_budget_s: float) -> None:
        self.quiet = quiet
        self.time_budget_s = time_budget_s

    async def arun(self, prompt: str) -> AgenticResult:
        await asyncio.sleep(0)
        return AgenticResult(text=f"answer to {prompt}", rounds=1, termination_reason="done")
