"""A resolver still calls the now-async callback as if it returned a bool: the coroutine object
is always truthy, so every user is allowed, and the coroutine is never awaited."""

from app.auth import allow


async def resolve_process(user: str) -> dict[str, bool]:
    auth_retry = allow
    return {"retryAllowed": bool(auth_retry and auth_retry(user))}  # bug
