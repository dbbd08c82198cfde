"""Atomic, no-clobber writes for --emit and --save-answers (moving to advisor.files)."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

from advisor.cli._common import check_target
from advisor.errors import OutputError

if TYPE_CHECKING:
    from pathlib import Path


def write_new_file(target: str | os.PathLike[str], text: str, *, force: bool = False) -> Path:
    """Write atomically; never clobber an existing file unless *force*."""
    import tempfile
    from pathlib import Path

    check_target(os.fspath(target), force=force, option="the output")
    path = Path(target)
    directory = path.parent
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=directory)
    except OSError as exc:
        raise OutputError(f"cannot write {path}: {exc.strerror or exc}") from exc
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
        umask = os.umask(0)
        os.umask(umask)
        tmp.chmod(0o666 & ~umask)
        if force:
            tmp.replace(path)
        else:
            # link() fails if the target appeared meanwhile: no window for a clobber.
            os.link(tmp, path)
            tmp.unlink()
    except FileExistsError as exc:
        tmp.unlink(missing_ok=True)
        raise OutputError(
            f"{path} already exists; choose another name or add --force to overwrite it",
            key="file_exists",
            path=str(path),
        ) from exc
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise OutputError(f"cannot write {path}: {exc.strerror or exc}") from exc
    return path
