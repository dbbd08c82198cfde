"""What `advisor convert` does with a `ConversionResult`: show it as a diff, write it, or say
whether anything would change.

Writing is all or nothing across files (`advisor.files.replace_files`), and refuses files with
uncommitted changes in git (modified, untracked or ignored) unless forced: the converted text
replaces the file, so the last committed version is the user's way back. Inside a repository
whose status git cannot give, it refuses too (unless forced); outside any repository there is
no such check — the default mode, a diff that writes nothing, is the way to look first.
"""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
from collections.abc import Iterable

from advisor.conversion import NOTE_REASONS, ConversionResult
from advisor.errors import ConvertError, ExitCode
from advisor.render.conversion import unified_diff
from advisor.repository import repository_root

__all__ = ["exit_code", "uncommitted", "unified_diff", "write"]


def uncommitted(paths: Iterable[str]) -> list[str]:
    """The files git reports as modified, added, untracked or ignored; [] outside git."""
    return list(_git_status(paths))


def _git_status(paths: Iterable[str]) -> dict[str, str]:
    """Each file git reports as modified, added, untracked or ignored, with its porcelain
    status (``!!`` for ignored); {} outside git.

    An ignored file has no commit either, so overwriting it loses its only copy (review
    defect #2). A file inside a repository whose status git cannot give (git not on PATH,
    "dubious ownership", a broken index) is a `ConvertError`: the guard must not switch
    itself off silently (defect #4).
    """
    git = shutil.which("git")
    dirty: dict[str, str] = {}
    for path in paths:
        folder = os.path.dirname(os.path.abspath(path))
        if not _in_repository(folder):
            continue
        if git is None:
            raise _unchecked(path, "git is not on PATH")
        try:
            proc = subprocess.run(
                [
                    git,
                    "-C",
                    folder,
                    "status",
                    "--porcelain",
                    "--ignored=matching",
                    "--",
                    os.path.basename(path),
                ],
                capture_output=True,
                text=True,
                timeout=30,
                check=False,
            )
        except (OSError, subprocess.TimeoutExpired) as exc:
            raise _unchecked(path, str(exc)) from exc
        if proc.returncode != 0:
            lines = [ln for ln in proc.stderr.splitlines() if ln.strip()]
            raise _unchecked(path, lines[0] if lines else f"git exited {proc.returncode}")
        if proc.stdout.strip():
            dirty[path] = proc.stdout[:2]
    return dirty


def _in_repository(folder: str) -> bool:
    """Whether *folder* or a parent holds ``.git`` (a folder, or a file for worktrees)."""
    return repository_root(folder) is not None


def _unchecked(path: str, reason: str) -> ConvertError:
    return ConvertError(
        f"{path}: git cannot say whether it has uncommitted changes ({reason}); --write will "
        "not overwrite it unchecked: fix git for this repository, or add --force",
        key="convert_git_unusable",
        path=path,
        reason=reason,
    )


def write(result: ConversionResult, *, force: bool = False) -> list[str]:
    """Replace every changed file, all or nothing; returns the paths written."""
    from advisor.files import replace_files

    changed = result.changed
    if not changed:
        return []
    if not force:
        readonly = [f.path for f in changed if _read_only(f.path)]
        if readonly:  # review defect #5: black and ruff --fix leave such files alone too
            names = ", ".join(readonly)
            raise ConvertError(
                f"{names}: read-only; --write will not replace it: make it writable, "
                "or add --force",
                key="convert_read_only",
                paths=names,
            )
        dirty = _git_status(f.path for f in changed)
        ignored = [path for path, status in dirty.items() if status == "!!"]
        if ignored:  # never committed: "commit or stash" would not save it (#2)
            names = ", ".join(ignored)
            raise ConvertError(
                f"{names}: ignored by git, so no commit holds its text; --write will not "
                "overwrite it: commit it first (git add -f), or add --force to overwrite it anyway",
                key="convert_git_ignored",
                paths=names,
            )
        if dirty:
            names = ", ".join(dirty)
            raise ConvertError(
                f"{names}: uncommitted changes; --write will not overwrite them: "
                "commit or stash them first, or add --force",
                key="convert_uncommitted",
                paths=names,
            )
    replace_files({f.path: (f.before, f.after) for f in changed})
    return [f.path for f in changed]


def _read_only(path: str) -> bool:
    """Whether the file's owner may not write it (mode bits, so that root, who may write
    anything, still respects a ``chmod 444``)."""
    try:
        return not os.stat(path).st_mode & stat.S_IWUSR
    except OSError:
        return False


def exit_code(result: ConversionResult, *, check: bool) -> int:
    """0 nothing left to do; 1 changes pending (--check) or code left untouched for a reason;
    3 an output failed its own verification (an advisor bug, the file was left as is)."""
    if any(r.reason in ("would-not-compile", "pitfall-left") for r in result.refusals):
        return ExitCode.INTERNAL
    if check and result.changed:
        return ExitCode.FINDINGS
    if any(r.reason not in NOTE_REASONS and r.reason != "ignored" for r in result.refusals):
        return ExitCode.FINDINGS
    return ExitCode.OK
