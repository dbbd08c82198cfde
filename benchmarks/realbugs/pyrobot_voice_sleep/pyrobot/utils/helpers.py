"""Message helpers of a Telegram userbot (reproduction, see ../plugins/voice.py)."""
from pyrogram import Message


def reply_id(message: Message):
    """Return the ID of the replied-to message, the message itself if it's not ours, or None."""
    if message.reply_to_message:
        return message.reply_to_message.message_id
    if not message.from_user.is_self:
        return message.message_id
    return None
