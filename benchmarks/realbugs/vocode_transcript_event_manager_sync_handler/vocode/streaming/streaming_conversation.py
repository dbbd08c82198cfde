"""A streaming conversation (see client_backend/conversation.py); it runs its events manager's loop
as a task."""
from __future__ import annotations

import asyncio

from vocode.streaming.utils.events_manager import EventsManager


class StreamingConversation:
    def __init__(self, output_device, transcriber, agent, synthesizer, events_manager: EventsManager | None = None):
        self.output_device = output_device
        self.transcriber = transcriber
        self.agent = agent
        self.synthesizer = synthesizer
        self.events_manager = events_manager or EventsManager()
        self.events_task: asyncio.Task | None = None
        self.active = False

    async def start(self):
        self.transcriber.start()
        self.output_device.start()
        self.active = True
        if self.events_manager.subscriptions:
            self.events_task = asyncio.create_task(self.events_manager.start())

    def is_active(self) -> bool:
        return self.active

    def receive_audio(self, chunk: bytes) -> None:
        self.transcriber.send_audio(chunk)

    async def terminate(self):
        self.active = False
        if self.events_task:
            await self.events_manager.flush()
        await self.synthesizer.tear_down()
        self.transcriber.terminate()
