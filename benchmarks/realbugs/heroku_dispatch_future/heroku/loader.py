import typing


async def _call_with_external_context(func: typing.Callable, *args) -> typing.Any:
    return await func(*args)
