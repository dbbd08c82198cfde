from pathlib import Path

import obstore


async def upload_file(key: str, path: Path, store, *, normalize: bool = True) -> str:
    await obstore.put_async(store, key, path)
    return key


def normalize_key(key: str) -> str:
    return key.strip("/")
