"""Matrix event handler of a Matrix-Telegram puppeting bridge.

Reproduction of the shape reported in https://github.com/mautrix/telegram/issues/209
("user.set_presence was never awaited") and fixed in commit 6a1c160 ("Await set_presence. Fixes
#209"): the async handle_presence calls user.set_presence(...), a plain method of User (user.py)
that returns self.client(UpdateStatusRequest(...)), the coroutine of the Telethon client, and drops
it, so the presence never reached Telegram. The fix made set_presence async and awaited it.
"""
import logging

from . import user as u

log = logging.getLogger("mau.mx")


class MatrixHandler:
    def __init__(self, context) -> None:
        self.az = context.az
        self.az.matrix_event_handler(self.handle_event)

    @staticmethod
    async def handle_presence(user_id, presence: str) -> None:
        user = await u.User.get_by_mxid(user_id).ensure_started()
        if not await user.is_logged_in():
            return
        user.set_presence(presence == "online")  # bug

    async def handle_event(self, evt) -> None:
        if evt["type"] == "m.presence":
            await self.handle_presence(evt["sender"], evt["content"]["presence"])
