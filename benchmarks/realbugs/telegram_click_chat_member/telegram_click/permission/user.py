"""Chat-member permissions of a command toolkit for python-telegram-bot (v20, async API).

Reproduction of the shape fixed in https://github.com/markusressel/telegram-click/pull/101
(commit https://github.com/markusressel/telegram-click/commit/57d06c776fe035737b9280c79187df1ea50592e2,
"fix missing await"): `member = bot.getChatMember(chat_id, from_user.id)` with bot = context.bot
(context annotated ContextTypes.DEFAULT_TYPE) in an async evaluate, then member.status read on the
coroutine. The sibling permission class awaited the same call.
"""
from telegram import Update
from telegram.ext import ContextTypes

from .base import Permission


class _GroupCreator(Permission):
    """Requires that the command user is the group creator."""

    async def evaluate(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> bool:
        bot = context.bot
        chat_id = update.effective_message.chat_id
        from_user = update.effective_message.from_user
        member = bot.getChatMember(chat_id, from_user.id)  # bug

        return member.status == "creator"


class _GroupAdmin(Permission):
    """Requires that the command user is a group admin."""

    async def evaluate(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> bool:
        bot = context.bot
        chat_id = update.effective_message.chat_id
        from_user = update.effective_message.from_user
        member = await bot.getChatMember(chat_id, from_user.id)

        return member.status == "administrator"


GROUP_CREATOR = _GroupCreator()
GROUP_ADMIN = _GroupAdmin()
