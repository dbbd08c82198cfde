"""Baidu translation API (see handler.py); every function here is a coroutine."""
import hashlib
import os
import random

import aiohttp

APP_ID = os.environ["BAIDU_APP_ID"]
APP_KEY = os.environ["BAIDU_APP_KEY"]
URL = "https://fanyi-api.baidu.com/api/trans/vip/translate"


async def translate(text: str, to: str, source: str = "auto") -> str:
    salt = str(random.randint(32768, 67108863))
    sign = hashlib.md5(f"{APP_ID}{text}{salt}{APP_KEY}".encode()).hexdigest()
    form = {"q": text, "from": source, "to": to, "appid": APP_ID, "salt": salt, "sign": sign}
    try:
        async with aiohttp.ClientSession() as session, session.post(URL, data=form) as resp:
            body = await resp.json()
    except aiohttp.ClientError as error:
        return f"Error: {error}."
    if "error_code" in body:
        return f"Error: code {body['error_code']}."
    return "\n".join(part["dst"] for part in body["trans_result"])


async def translate_to_yue(text: str) -> str:
    return await translate(text, "yue")


async def translate_yue_to_cmn(text: str) -> str:
    return await translate(text, "zh", "yue")
