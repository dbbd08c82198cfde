import asyncio


async def generate_response(prompt):
    for attempt in range(3):
        try:
            return prompt.upper()
        except ValueError:
            asyncio.sleep(2)  # bug
