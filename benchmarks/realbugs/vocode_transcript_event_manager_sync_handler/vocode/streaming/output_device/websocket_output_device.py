"""Sends audio and transcripts back over the websocket (see client_backend/conversation.py)."""
from __future__ import annotations

import asyncio
import json


class WebsocketOutputDevice:
    def __init__(self, ws, sampling_rate: int, audio_encoding: str):
        self.ws = ws
        self.sampling_rate = sampling_rate
        self.audio_encoding = audio_encoding
        self.outbox: asyncio.Queue[str] = asyncio.Queue()
        self.open = False
        self.sender = None

    def start(self) -> None:
        self.open = True
        self.sender = asyncio.create_task(self._send_loop())

    def mark_closed(self) -> None:
        self.open = False

    async def _send_loop(self) -> None:
        while self.open:
            await self.ws.send_text(await self.outbox.get())

    def consume_transcript(self, event) -> None:
        if self.open:
            self.outbox.put_nowait(json.dumps({"type": "websocket_transcript", "text": event.text}))
