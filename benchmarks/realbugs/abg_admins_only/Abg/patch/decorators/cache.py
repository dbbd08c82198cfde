"""Member lookups shared by the permission decorators."""

ADMIN_STATUSES = {"owner", "administrator"}


async def get_member_with_cache(chat, user_id):
    return await chat.get_member(user_id)


async def is_admin(member) -> bool:
    """Whether the member owns or administers the chat."""
    return member is not None and member.status in ADMIN_STATUSES
