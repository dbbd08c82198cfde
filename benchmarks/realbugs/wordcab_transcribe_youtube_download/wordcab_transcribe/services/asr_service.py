"""Transcription service (see ../utils.py): requests are queued for a worker and awaited."""
import asyncio


class ASRAsyncService:
    def __init__(self) -> None:
        self.queue: asyncio.Queue = asyncio.Queue()

    async def process_input(self, filepath: str, diarization: bool = False, source_lang: str = "en"):
        done = asyncio.get_running_loop().create_future()
        await self.queue.put((filepath, diarization, source_lang, done))
        return await done
