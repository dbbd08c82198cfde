"""Telegram translate bot (see lib/handler.py)."""
import os

import ToJyutping
from aiogram import Bot, Dispatcher, executor
from aiogram.types import Message

from lib.baidu_translate import translate_to_yue, translate_yue_to_cmn
from lib.furigana import furigana
from lib.handler import make_annotate_handler, make_async_handler, make_handler, make_translate_handler

bot = Bot(token=os.environ["BOT_TOKEN"])
dp = Dispatcher(bot)


def on_command(names, handler):
    dp.register_message_handler(handler, commands=names)
    dp.register_edited_message_handler(handler, commands=names)


for command, baidu_code in {"en": "en", "ja": "jp", "ko": "kor"}.items():
    on_command([command], make_translate_handler(baidu_code))

on_command(["yue"], make_async_handler(translate_to_yue))
on_command(["cmn"], make_async_handler(translate_yue_to_cmn))
on_command(["furi"], make_async_handler(furigana))
on_command(["jyut"], make_annotate_handler(ToJyutping.get_jyutping, ToJyutping.get_jyutping_text))
on_command(["jyut_text"], make_handler(ToJyutping.get_jyutping_text))


@dp.message_handler(commands=["ping"])
async def ping(message: Message):
    await message.reply("pong")


if __name__ == "__main__":
    executor.start_polling(dp, skip_updates=True)
