"""Asynchronous HTTP helpers of a Telegram bot API library (aiohttp).

Reproduction of the shape fixed in https://github.com/eternnoir/pyTelegramBotAPI/pull/1492
(commit 625da4c, "missing await inserted", issue #1491): when the helpers were ported from the
synchronous module, convert_input_media became a coroutine function, but edit_message_media kept
calling it without await, so unpacking its result raised TypeError ("cannot unpack non-iterable
coroutine object") on every edit_message_media call.
"""
import json

import aiohttp

from telebot import types

API_URL = "https://api.telegram.org/bot{0}/{1}"
session = None


async def _get_session():
    global session
    if session is None or session.closed:
        session = aiohttp.ClientSession()
    return session


async def _process_request(token, url, method="get", params=None, files=None, request_timeout=None):
    params = dict(params or {})
    if files:
        form = aiohttp.FormData()
        for key, value in params.items():
            form.add_field(key, str(value))
        for key, value in files.items():
            form.add_field(key, value)
        params = form
    client = await _get_session()
    async with client.request(method, API_URL.format(token, url), data=params, timeout=request_timeout) as resp:
        result = await resp.json()
        return result["result"]


async def _convert_markup(markup):
    if hasattr(markup, "to_json"):
        return markup.to_json()
    return markup


async def convert_input_media(media):
    if isinstance(media, types.InputMedia):
        return media.convert_input_media()
    return None, None


async def convert_input_media_array(array):
    media = []
    files = {}
    for input_media in array:
        if isinstance(input_media, types.InputMedia):
            media_dict = json.loads(input_media.to_json())
            media.append(media_dict)
    return json.dumps(media), files


async def edit_message_caption(token, caption, chat_id=None, message_id=None, reply_markup=None):
    payload = {"caption": caption}
    if chat_id:
        payload["chat_id"] = chat_id
    if message_id:
        payload["message_id"] = message_id
    if reply_markup:
        payload["reply_markup"] = await _convert_markup(reply_markup)
    return await _process_request(token, r"editMessageCaption", params=payload, method="post")


async def edit_message_media(token, media, chat_id=None, message_id=None, inline_message_id=None, reply_markup=None):
    method_url = r"editMessageMedia"
    media_json, file = convert_input_media(media)  # bug
    payload = {"media": media_json}
    if chat_id:
        payload["chat_id"] = chat_id
    if message_id:
        payload["message_id"] = message_id
    if inline_message_id:
        payload["inline_message_id"] = inline_message_id
    if reply_markup:
        payload["reply_markup"] = await _convert_markup(reply_markup)
    return await _process_request(token, method_url, params=payload, files=file, method="post" if file else "get")
