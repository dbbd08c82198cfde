"""Decorator that lets a handler run only for chat admins.

Reproduction of the shape fixed in https://github.com/AshokShau/Abg/pull/17: inside the async
wrapper built by a decorator factory, `if not is_admin(bot):` (and the same for the user) called an async helper of a sibling
module (absolute from-import) without await; the coroutine is always truthy, the check never fails.
"""

from functools import wraps

from Abg.patch.decorators.cache import get_member_with_cache, is_admin


def adminsOnly(permissions=None, is_bot=False, is_user=True):
    def decorator(func):
        @wraps(func)
        async def wrapper(client, message, *args, **kwargs):
            chat = message.chat
            bot = await get_member_with_cache(chat, client.me.id)
            user = await get_member_with_cache(chat, message.from_user.id)
            if bot is None or user is None:
                return await message.reply_text("Could not retrieve member information.")
            if is_bot:
                if not is_admin(bot):  # bug
                    return await message.reply_text("I must be an admin to execute this command.")
            if is_user:
                if not is_admin(user):  # bug
                    return await message.reply_text("You must be an admin to use this command.")
            return await func(client, message, *args, **kwargs)

        return wrapper

    return decorator
