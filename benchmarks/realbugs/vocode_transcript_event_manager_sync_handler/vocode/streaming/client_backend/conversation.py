"""Conversation router of the client backend.

Reproduction of the shape fixed in https://github.com/vocodedev/vocode-core/pull/408 (commit
ef0edf7bcaeb9cd2d3d85db065c96859b78dc077, "Fix transcript event manager handling"): the base
EventsManager (utils/events_manager.py) declares `async def handle_event` and its loop start() -- run
as a task by StreamingConversation.start -- does `await self.handle_event(event)`; the subclass
TranscriptEventManager, built here for a websocket client that subscribes to its transcript,
overrides it with a plain `def`, so the first transcript event makes the await fail on None and the
events task dies, with its queue no longer drained ("This function needs to be async, otherwise it
blocks the event manager queue"). The fix made the override `async def`; its def line is marked.
"""
import logging
from typing import Callable

from fastapi import APIRouter, WebSocket

from vocode.streaming.output_device.websocket_output_device import WebsocketOutputDevice
from vocode.streaming.streaming_conversation import StreamingConversation
from vocode.streaming.utils import events_manager


class ConversationRouter:
    """Serves one streaming conversation per websocket client."""

    def __init__(self, agent_thunk: Callable, transcriber_thunk: Callable, synthesizer_thunk: Callable,
                 path: str = "/conversation"):
        self.agent_thunk = agent_thunk
        self.transcriber_thunk = transcriber_thunk
        self.synthesizer_thunk = synthesizer_thunk
        self.logger = logging.getLogger(__name__)
        self.router = APIRouter()
        self.router.websocket(path)(self.conversation)

    def get_conversation(self, device: WebsocketOutputDevice, start: dict) -> StreamingConversation:
        manager = TranscriptEventManager(device) if start.get("subscribe_transcript") else None
        return StreamingConversation(
            output_device=device,
            transcriber=self.transcriber_thunk(start["input_audio_config"]),
            agent=self.agent_thunk(),
            synthesizer=self.synthesizer_thunk(start["output_audio_config"]),
            events_manager=manager,
        )

    async def conversation(self, websocket: WebSocket):
        await websocket.accept()
        start = await websocket.receive_json()
        audio_out = start["output_audio_config"]
        device = WebsocketOutputDevice(websocket, audio_out["sampling_rate"], audio_out["audio_encoding"])
        conversation = self.get_conversation(device, start)
        await conversation.start()
        while conversation.is_active():
            message = await websocket.receive_json()
            if message["type"] == "websocket_stop":
                break
            conversation.receive_audio(bytes.fromhex(message["data"]))
        device.mark_closed()
        await conversation.terminate()


class TranscriptEventManager(events_manager.EventsManager):
    """Forwards the conversation's transcript events to the websocket client."""

    def __init__(self, output_device: WebsocketOutputDevice):
        super().__init__(subscriptions=["event_transcript"])
        self.output_device = output_device

    def handle_event(self, event):  # bug
        if event.type == "event_transcript":
            self.output_device.consume_transcript(event)
