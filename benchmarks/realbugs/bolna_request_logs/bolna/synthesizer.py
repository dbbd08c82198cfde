import asyncio

from bolna.helpers import write_request_logs


async def synthesize(text, run_id):
    audio = text.encode()
    asyncio.create_task(write_request_logs({"text": text}, run_id))  # bug
    return audio
