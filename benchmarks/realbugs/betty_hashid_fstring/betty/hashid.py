"""Stable ids for cache entries."""

from hashlib import md5
from pathlib import Path

from aiofiles.os import stat


def hashid(value: str) -> str:
    return md5(value.encode("utf-8")).hexdigest()


async def hashid_file_meta(file_path: Path) -> str:
    """Hash a file's path, size and modification time (not its contents)."""
    file_stat = await stat(file_path)
    return hashid(f"{file_path}:{file_stat.st_size}:{file_stat.st_mtime_ns}")
