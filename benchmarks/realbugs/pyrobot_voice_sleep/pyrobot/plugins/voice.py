"""Text-to-speech command of a Pyrogram Telegram userbot.

Reproduction of the shape fixed in https://github.com/ColinShark/PyroBot/pull/1 (commit 2dbef17,
"Fixed missing await"): when voice notes are forbidden in the chat, the handler sends the note to
Saved Messages and then meant to wait two seconds before deleting the temporary file, but called
asyncio.sleep(2) without await: the coroutine was created and dropped, nothing waited.
"""
import asyncio
import os

import gtts
from pyrogram import Filters, Message
from pyrogram.errors import ChatSendMediaForbidden

from ..pyrobot import PyroBot
from ..utils import helpers

gtts_langs = gtts.lang.tts_langs()


@PyroBot.on_message(Filters.me & Filters.command("v", "!"))
async def alive(app: PyroBot, message: Message):
    if len(message.command) == 1:
        await message.delete()
        return

    if message.command[-1] not in gtts_langs:
        language = "en"
        words_to_say = " ".join(message.command[1:])
    else:
        language = message.command[-1]
        words_to_say = " ".join(message.command[1:-1])

    speech = gtts.gTTS(words_to_say, lang=language)
    speech.save("text_to_speech.oog")
    try:
        await app.send_voice(
            chat_id=message.chat.id,
            voice="text_to_speech.oog",
            reply_to_message_id=helpers.reply_id(message),
        )
    except ChatSendMediaForbidden:
        await message.edit_text("Voice Messages aren't allowed here.\nCopy sent to Saved Messages.")
        await app.send_voice(chat_id="me", voice="text_to_speech.oog", caption=words_to_say)
        asyncio.sleep(2)  # bug
    try:
        os.remove("text_to_speech.oog")
    except FileNotFoundError:
        pass
    await message.delete()
