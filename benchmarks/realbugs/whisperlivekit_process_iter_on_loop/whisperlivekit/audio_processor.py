"""Audio processor of one websocket connection.

Reproduction of the shape fixed in https://github.com/QuentinFuxa/WhisperLiveKit/issues/82 (commit
cd160caaa1be7fa8f7ef89e625bfc50498c968a4, "asyncio.to_thread for transcription and translation"):
the coroutines AudioProcessor.transcription_processor and translation_processor (tasks made by
create_tasks for each websocket client) call the streaming processors built in __init__ by the
factories of core.py: self.online.process_iter() runs the Whisper model (faster-whisper) over the
audio buffer and online_translation.process() runs NLLB through ctranslate2, both on the event loop,
so while one client's audio is decoded no other client is served ("Transcription blocks main
thread"). The fix awaited both with asyncio.to_thread; the two lines are marked.
"""
import asyncio
import logging

import numpy as np

from whisperlivekit.core import TranscriptionEngine, online_factory, online_translation_factory

logger = logging.getLogger(__name__)

END = object()


class AudioProcessor:
    """Per-connection pipeline: PCM chunks -> transcription task -> translation task."""

    SAMPLE_RATE = 16000

    def __init__(self, **kwargs):
        engine = kwargs.get("transcription_engine") or TranscriptionEngine(**kwargs)
        self.args = engine.args
        self.tokens = []
        self.buffer_text = ""
        self.translated_segments = []
        self.state_lock = asyncio.Lock()
        self.audio_queue = asyncio.Queue()
        self.token_queue = asyncio.Queue() if self.args.target_language else None
        self.tasks = []
        self.online = online_factory(self.args, engine.asr)
        self.online_translation = None
        if self.args.target_language:
            self.online_translation = online_translation_factory(self.args, engine.translation_model)

    async def transcription_processor(self):
        stream_time = 0.0
        while True:
            pcm = await self.audio_queue.get()
            if pcm is END:
                break
            stream_time += len(pcm) / self.SAMPLE_RATE
            self.online.insert_audio_chunk(pcm, stream_time)
            try:
                new_tokens, _processed_upto = self.online.process_iter()  # bug
            except Exception as error:  # noqa: BLE001
                logger.warning("transcription failed: %s", error)
                continue
            async with self.state_lock:
                self.tokens.extend(new_tokens)
                self.buffer_text = self.online.get_buffer()
            if self.token_queue is not None:
                for token in new_tokens:
                    await self.token_queue.put(token)

    async def translation_processor(self, online_translation):
        while True:
            token = await self.token_queue.get()
            if token is END:
                break
            batch = [token]
            while not self.token_queue.empty():
                batch.append(self.token_queue.get_nowait())
            online_translation.insert_tokens([t for t in batch if t is not END])
            self.translated_segments = online_translation.process()  # bug
            if END in batch:
                break

    async def create_tasks(self):
        self.tasks.append(asyncio.create_task(self.transcription_processor()))
        if self.online_translation is not None:
            self.tasks.append(asyncio.create_task(self.translation_processor(self.online_translation)))

    async def process_audio(self, message: bytes):
        pcm = np.frombuffer(message, dtype=np.int16).astype(np.float32) / 32768.0
        await self.audio_queue.put(pcm)
