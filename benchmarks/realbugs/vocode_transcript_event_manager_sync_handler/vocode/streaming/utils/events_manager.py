"""Events manager (see client_backend/conversation.py): a queue drained by a loop that awaits
handle_event for each event."""
from __future__ import annotations

import asyncio


class EventsManager:
    def __init__(self, subscriptions=()):
        self.subscriptions = set(subscriptions)
        self.queue: asyncio.Queue = asyncio.Queue()
        self.running = False

    def publish_event(self, event) -> None:
        if event.type in self.subscriptions:
            self.queue.put_nowait(event)

    async def handle_event(self, event):
        """Subclasses react to the events they subscribed to."""

    async def start(self):
        self.running = True
        while self.running:
            event = await self.queue.get()
            await self.handle_event(event)

    async def flush(self):
        self.running = False
        while not self.queue.empty():
            await self.handle_event(self.queue.get_nowait())
