"""Authorization callbacks that became coroutines in a refactor."""


async def allow(user: str) -> bool:
    return user == "admin"
