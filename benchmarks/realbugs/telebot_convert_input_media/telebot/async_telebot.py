"""Asynchronous bot class of a Telegram bot API library (reproduction, see asyncio_helper.py)."""
from telebot import asyncio_helper, types


class AsyncTeleBot:
    def __init__(self, token: str):
        self.token = token

    async def edit_message_caption(self, caption, chat_id=None, message_id=None, reply_markup=None):
        return await asyncio_helper.edit_message_caption(self.token, caption, chat_id, message_id, reply_markup)

    async def edit_message_media(
        self, media: types.InputMedia, chat_id=None, message_id=None, inline_message_id=None, reply_markup=None
    ):
        result = await asyncio_helper.edit_message_media(
            self.token, media, chat_id, message_id, inline_message_id, reply_markup
        )
        if isinstance(result, bool):
            return result
        return result
