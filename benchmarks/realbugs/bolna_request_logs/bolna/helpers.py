import asyncio


async def write_request_logs(message, run_id):
    await asyncio.sleep(0)
    return (message, run_id)
