"""Furigana for Japanese text from a web service (see handler.py)."""
import aiohttp


async def furigana(text: str) -> str:
    try:
        async with aiohttp.ClientSession() as session:
            async with session.post("https://ayaka-apps.shn.hk/furigana/", data=text) as resp:
                return await resp.text()
    except aiohttp.ClientError as error:
        return f"Error: {error}."
