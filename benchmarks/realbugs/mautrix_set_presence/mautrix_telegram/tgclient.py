"""Telethon client subclass of a Matrix-Telegram bridge (reproduction, see matrix.py).

Calling a TelegramClient with a request object (client(request)) is a coroutine.
"""
from telethon import TelegramClient, utils
from telethon.tl.functions.messages import SendMediaRequest


class MautrixTelegramClient(TelegramClient):
    async def send_media(self, entity, media, caption=None, entities=None, reply_to=None):
        entity = await self.get_input_entity(entity)
        reply_to = utils.get_message_id(reply_to)
        request = SendMediaRequest(entity, media, message=caption or "", entities=entities or [],
                                   reply_to_msg_id=reply_to)
        return self._get_response_message(request, await self(request), entity)
