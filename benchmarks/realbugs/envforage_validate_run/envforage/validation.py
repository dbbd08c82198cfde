import asyncio


async def _check_file(name: str, text: str) -> list[str]:
    await asyncio.sleep(0)
    return [] if text.strip() else [f"{name} is empty"]


async def _check_all(files: dict[str, str]) -> list[str]:
    results = await asyncio.gather(*(_check_file(n, t) for n, t in files.items()))
    return [problem for found in results for problem in found]


def validate_rendered_output(files: dict[str, str]) -> list[str]:
    return asyncio.run(_check_all(files))
