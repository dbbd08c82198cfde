"""Sends notification messages by e-mail, throttled every ten messages, then stores them.

Reproduction of the shape fixed in https://github.com/hotosm/tasking-manager/pull/7305 (report:
https://github.com/hotosm/tasking-manager/issues/7303): the async staticmethod throttled with
time.sleep(0.5), blocking the event loop.
"""

import time

from databases import Database

from backend.services.smtp_service import SMTPService


class MessageService:
    @staticmethod
    async def _push_messages(messages: list, db: Database) -> None:
        if not messages:
            return
        to_store = []
        for i, message in enumerate(messages):
            user = message["user"]
            obj = message["message"]
            if user.mentions_notifications is False and obj.message_type == "mention":
                to_store.append(obj)
                continue
            to_store.append(obj)
            await SMTPService.send_email_alert(
                user.email_address, user.username, obj.subject, obj.message
            )
            if (i + 1) % 10 == 0:
                time.sleep(0.5)  # bug
        if to_store:
            await db.execute_many(
                "INSERT INTO messages (subject, message, to_user_id) VALUES (:s, :m, :t)",
                [{"s": m.subject, "m": m.message, "t": m.to_user_id} for m in to_store],
            )

    @staticmethod
    async def send_message_after_comment(messages: list, db: Database) -> None:
        await MessageService._push_messages(messages, db)
