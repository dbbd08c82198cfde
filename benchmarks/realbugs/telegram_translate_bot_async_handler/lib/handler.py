"""Command handler factories of the bot.

Reproduction of the shape fixed in https://github.com/ayaka14732/telegram-translate-bot/pull/4
(commit 2ae7371c5d5c88f4c1eb1df47bf3340c75a8b947, "Fix Async Handler"): make_async_handler wraps a
coroutine function f (typed Callable[[str], Coroutine[Any, Any, str]]; main.py passes
translate_to_yue, furigana and make_translate_handler's inner coroutine) into an aiogram handler; the
branch for a command sent as a reply calls `f(text)` without await, so the bot replies with the
coroutine object's repr and the translation never runs ("coroutine ... was never awaited"); the
branch for a command's arguments awaits it. The fix added the await; the line is marked.
"""
import re
from typing import Any, Callable, Coroutine

from aiogram.types import Message

from .baidu_translate import translate


def make_handler(convert: Callable[[str], str]):
    """Handler for a plain converter: answers the replied-to message and/or the command's text."""

    async def handle(message: Message):
        original = message.reply_to_message
        if original and original.text:
            await original.reply(convert(original.text))
        args = message.get_args()
        if args:
            await message.reply(convert(args))

    return handle


def make_async_handler(f: Callable[[str], Coroutine[Any, Any, str]]):
    """Same, for a converter that is a coroutine function."""

    async def handle(message: Message):
        original = message.reply_to_message
        if original and original.text:
            text = f(original.text)  # bug
            await original.reply(text)
        args = message.get_args()
        if args:
            text = await f(args)
            await message.reply(text)

    return handle


def make_translate_handler(lang: str):
    async def to_lang(text: str) -> str:
        return await translate(text, lang)

    return make_async_handler(to_lang)


def make_annotate_handler(whole: Callable[[str], str], part: Callable[[str], str]):
    """Annotate the {braced} parts of the text, or the whole text if there are none."""

    def annotate(text: str) -> str:
        marked = re.sub(r"[{｛](.*?)[}｝]", lambda m: m[1] and f"{m[1]}({part(m[1])})", text)
        return whole(text) if marked == text else marked

    return make_handler(annotate)

