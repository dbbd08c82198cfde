"""Runs an agent over a session.

Reproduction of the shape reported in https://github.com/google/adk-python/issues/3174 (closed;
the compaction is awaited in later releases): at the end of the async generator run_async the
runner fired asyncio.create_task(_run_compaction_for_sliding_window(...)) (a coroutine of another
module, relative from-import) and kept no reference: the task can be collected mid-execution.
"""

import asyncio
from collections.abc import AsyncGenerator

from .apps.compaction import _run_compaction_for_sliding_window


class Runner:
    def __init__(self, *, app, session_service) -> None:
        self.app = app
        self.agent = app.root_agent
        self.session_service = session_service

    async def run_async(self, *, user_id: str, session_id: str, new_message) -> AsyncGenerator:
        session = await self.session_service.get_session(
            app_name=self.app.name, user_id=user_id, session_id=session_id
        )
        async for event in self.agent.run_async(session, new_message):
            if not event.partial:
                await self.session_service.append_event(session=session, event=event)
            yield event

        if self.app and self.app.events_compaction_config:
            asyncio.create_task(  # bug
                _run_compaction_for_sliding_window(self.app, session, self.session_service)
            )
