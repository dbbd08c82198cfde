async def hard_lock(ctx, name: str) -> bool:
    raise NotImplementedError


async def character_sheet(name: str, ctx):
    raise NotImplementedError
