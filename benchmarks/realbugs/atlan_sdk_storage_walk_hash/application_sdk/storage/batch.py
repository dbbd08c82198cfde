"""Directory-level transfers, run inside Temporal activities (auto-heartbeat on the loop)."""

from __future__ import annotations

import asyncio
import os
from pathlib import Path, PurePosixPath

from application_sdk.storage.ops import normalize_key, upload_file


async def upload_prefix(
    local_dir: str | Path, prefix: str, store=None, *, normalize: bool = True, max_concurrency: int = 4
) -> list[str]:
    """Upload every file under *local_dir* to *prefix*, keeping relative paths."""
    local = Path(local_dir)
    if normalize and prefix:
        prefix = normalize_key(prefix)

    files: list[tuple[str, Path]] = []
    for root, _dirs, filenames in os.walk(local, followlinks=False):  # bug
        for fname in filenames:
            file_path = Path(root) / fname
            if file_path.is_symlink():  # also
                continue
            rel_posix = PurePosixPath(*file_path.relative_to(local).parts)
            files.append((f"{prefix}/{rel_posix}" if prefix else str(rel_posix), file_path))

    sem = asyncio.Semaphore(max_concurrency)
    uploaded: list[str] = []

    async def _upload_one(key: str, path: Path) -> None:
        async with sem:
            await upload_file(key, path, store, normalize=False)
            uploaded.append(key)

    await asyncio.gather(*[_upload_one(k, p) for k, p in files])
    return uploaded
