"""Async cursor protocol of a Rocq document manager (typed Protocol with default methods).

Reproduction of the shape fixed in https://github.com/SkyLabsAI/rocq-agent-toolkit/pull/286 (commit
ad98dde, "Fix a missing await."): the default run_steps of the async cursor Protocol calls
self.run_step() (an async method of the same Protocol) without await, so isinstance(r, Err) is
never true and the steps are never run.
"""
from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Protocol, Self

from .. import rocq_doc_manager_api as rdm_api

logger = logging.getLogger(__name__)


class RocqCursorProtocolAsync(Protocol):
    async def advance_to(self, index: int) -> None | rdm_api.Err[rdm_api.CommandError | None]: ...

    async def cursor_index(self) -> int: ...

    async def revert_before(self, erase: bool, index: int) -> None: ...

    async def _insert_command(
        self, text: str, *, ghost: bool = False
    ) -> rdm_api.CommandData | rdm_api.Err[rdm_api.CommandError]: ...

    async def insert_command(
        self, text: str
    ) -> rdm_api.CommandData | rdm_api.Err[rdm_api.CommandError]:
        return await self._insert_command(text, ghost=False)

    async def run_step(
        self,
    ) -> rdm_api.CommandData | None | rdm_api.Err[rdm_api.CommandError]: ...

    async def run_steps(
        self,
        count: int,
    ) -> None | rdm_api.Err[rdm_api.StepsError]:
        for cnt in range(count):
            r = self.run_step()  # bug
            if isinstance(r, rdm_api.Err):
                return rdm_api.Err(
                    message=r.message,
                    data=rdm_api.StepsError(cmd_error=r.data, nb_processed=cnt),
                )
        return None

    @asynccontextmanager
    async def ctx(self, rollback: bool = True) -> AsyncIterator[Self]:
        current_idx = 0
        if rollback:
            current_idx = await self.cursor_index()
        try:
            yield self
        finally:
            if rollback:
                await self.revert_before(True, current_idx)
