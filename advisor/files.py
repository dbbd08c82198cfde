"""Safe writes of the files advisor produces: `--emit`, `--save-answers`, `convert --write`.

Three promises, whoever calls:

- **Nothing the user had is lost.** A new file is written to a temporary file
  beside it and linked into place, so an existing file is never clobbered
  (not even by a file that appears meanwhile) unless the user said ``--force``;
  a write that fails leaves no temporary file and no half-written target.
- **Only regular files are ever replaced.** A FIFO, a device node or a symlink
  (``/dev/stdout``, ``/dev/null``, a link into another tree) is refused even
  with ``--force``: replacing it with a regular file would break whatever
  relied on it. To print, callers treat ``-`` as stdout themselves.
- **Fail before the work.** `check_target` runs before anything is computed
  or asked, and tries the folder for real (a temporary file created and
  removed), so `advisor ask --emit ro/x.py` stops before the first question.

`replace_files` rewrites several existing files all or nothing, and only if
each still holds the text the caller read (``convert --write``); each keeps its
mode, owner and group, and a file with other hard links is rewritten in place,
so that every name of it shows the new text.
"""

from __future__ import annotations

import contextlib
import os
import stat
from collections.abc import Mapping
from typing import TYPE_CHECKING

from advisor.errors import OutputError

if TYPE_CHECKING:
    from pathlib import Path

StrPath = str | os.PathLike[str]
_TMP_SUFFIX = ".tmp"


def _kind(mode: int) -> str | None:
    """What a non-regular file is, in words; None for a regular file."""
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISLNK(mode):
        return "a symbolic link"
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


_KIND_ZH = {
    "a symbolic link": "符號連結",
    "a named pipe (FIFO)": "具名管道(FIFO)",
    "a device": "裝置檔",
    "a socket": "socket",
    "not a regular file": "特殊檔案",
}


def _not_regular(path: str, kind: str) -> OutputError:
    return OutputError(
        f"{path} is {kind}, not a regular file; advisor never replaces one, even with --force: "
        "give the name of a regular file",
        key="not_regular_file",
        path=path,
        kind=kind,
        kind_zh=_KIND_ZH.get(kind, kind),
    )


def _exists(path: str) -> OutputError:
    return OutputError(
        f"{path} already exists; choose another name or add --force to overwrite it",
        key="file_exists",
        path=path,
    )


def _cannot_write(path: str, exc: OSError) -> OutputError:
    reason = exc.strerror or str(exc)
    return OutputError(
        f"cannot write {path}: {reason}; choose a folder you can write to",
        key="cannot_write",
        path=path,
        reason=reason,
    )


def check_target(path: StrPath | None, *, force: bool = False, option: str = "the output") -> None:
    """Refuse a file we could not or must not write, before any work (or question) is done.

    None means "no file asked for" and passes. *option* names the flag in messages.
    """
    _check(path, force=force, option=option, probe=True)


def _check(path: StrPath | None, *, force: bool, option: str, probe: bool) -> None:
    if path is None:
        return
    name = os.fspath(path)
    if not name.strip():
        raise OutputError(
            f"{option} needs a file name, e.g. {option} example.py",
            key="no_file_name",
            option=option,
        )
    try:
        st: os.stat_result | None = os.lstat(name)
    except FileNotFoundError:
        st = None
    except OSError as exc:  # a path too long, a component that is a file, ...
        raise _cannot_write(name, exc) from exc
    except ValueError as exc:  # a NUL character: no file system has such a name
        raise _cannot_write(name, OSError(0, "a file name cannot contain a NUL character")) from exc
    if st is not None:
        if stat.S_ISDIR(st.st_mode) or (stat.S_ISLNK(st.st_mode) and os.path.isdir(name)):
            raise OutputError(
                f"{name} is a directory; give a file name for {option}",
                key="is_a_directory",
                path=name,
                option=option,
            )
        kind = _kind(st.st_mode)
        if kind is not None:
            raise _not_regular(name, kind)
        if not force:
            raise _exists(name)
    directory = os.path.dirname(name) or "."
    if not os.path.isdir(directory):
        import shlex

        # The fix named with the command (review 2026-12): advisor does not create folders
        # a mistyped path would scatter around the project.
        mkdir = f"mkdir -p {shlex.quote(directory)}"
        raise OutputError(
            f"cannot write {name}: directory {directory} does not exist; create it first "
            f"({mkdir}), or name a file in an existing folder",
            key="no_directory",
            path=name,
            directory=directory,
            mkdir=mkdir,
        )
    if probe:
        _probe(directory, name)


def _probe(directory: str, name: str) -> None:
    """Create and remove a temporary file: permissions, read-only mounts, quotas, all at once."""
    import tempfile

    try:
        fd, tmp = tempfile.mkstemp(prefix=".advisor-", suffix=_TMP_SUFFIX, dir=directory)
    except OSError as exc:
        raise _cannot_write(name, exc) from exc
    os.close(fd)
    os.unlink(tmp)


def _mode_for_new_file() -> int:
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def write_new_file(
    target: StrPath, text: str, *, force: bool = False, option: str = "the output"
) -> Path:
    """Write *text* to *target* atomically; never clobber an existing file unless *force*,
    and never replace anything but a regular file. Returns the path written."""
    import tempfile
    from pathlib import Path

    name = os.fspath(target)
    _check(name, force=force, option=option, probe=False)
    path = Path(name)
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=_TMP_SUFFIX, dir=path.parent)
    except OSError as exc:
        raise _cannot_write(name, exc) from exc
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
        os.chmod(tmp, _mode_for_new_file())
        if force:
            _keep_mode(tmp, name)
            _check(name, force=True, option=option, probe=False)  # still nothing but a file
            os.replace(tmp, name)
        else:
            _link_new(tmp, name, text)
    except FileExistsError as exc:
        raise _exists(name) from exc
    except OSError as exc:
        raise _cannot_write(name, exc) from exc
    finally:
        _unlink(tmp)  # gone already after os.replace; the link's twin otherwise
    return path


def _keep_mode(tmp: str, name: str) -> None:
    """A file replaced with --force keeps its permissions and owner, as `convert --write`
    keeps them (#5: `--emit --force` turned a 444 file into 644)."""
    try:
        st = os.stat(name)
    except OSError:
        return  # nothing there (any more): a new file's mode
    os.chmod(tmp, stat.S_IMODE(st.st_mode))
    _keep_owner(tmp, st)


def _link_new(tmp: str, name: str, text: str) -> None:
    """Put *tmp* at *name* only if *name* does not exist: link() fails if it appeared meanwhile."""
    try:
        os.link(tmp, name)
    except FileExistsError:
        raise
    except OSError:
        # No hard links here (some network or FAT mounts): exclusive create still never
        # clobbers; a failed write removes the partial file.
        fd = os.open(name, os.O_WRONLY | os.O_CREAT | os.O_EXCL, _mode_for_new_file())
        try:
            with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
                handle.write(text)
        except BaseException:
            _unlink(name)
            raise


def _unlink(path: str) -> None:
    with contextlib.suppress(OSError):
        os.unlink(path)


def _read_current(name: str) -> str:
    with open(name, encoding="utf-8", newline="") as handle:
        return handle.read()


def replace_files(changes: Mapping[str, tuple[str, str]]) -> None:
    """Rewrite several existing files all or nothing: path -> (text read before, new text).

    Each file must still be a regular file holding exactly the text read before;
    otherwise nothing is written (someone edited it meanwhile: run again). New texts
    go to temporary files beside their targets, with the targets' permissions, and
    replace them only when every one is ready; if a replacement fails midway, the
    files already replaced get their old text back.
    """
    import tempfile

    for name, (old, _) in changes.items():
        _expect(name, old)
    staged: dict[str, str] = {}
    replaced: list[str] = []
    current = next(iter(changes), "")  # the user's file an error is about, never a temp file
    linked: set[str] = set()
    try:
        for name, (_, new) in changes.items():
            current = name
            st = os.stat(name)
            if st.st_nlink > 1:
                # a file with another hard link is rewritten in place, so that every name
                # keeps showing the same text (a new inode would split the link)
                linked.add(name)
                continue
            mode = stat.S_IMODE(st.st_mode)
            fd, tmp = tempfile.mkstemp(
                prefix=f".{os.path.basename(name)}.",
                suffix=_TMP_SUFFIX,
                dir=os.path.dirname(name) or ".",
            )
            staged[name] = tmp
            with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
                handle.write(new)
            os.chmod(tmp, mode)
            _keep_owner(tmp, st)
        for name, (old, _) in changes.items():  # last look before the first replacement
            _expect(name, old)
        for name in changes:
            current = name
            # Recorded before the syscall: a Ctrl-C that lands right after os.replace returns
            # must still find this file in the list to restore (restoring a file that was not
            # replaced yet writes its own text back, which is harmless).
            replaced.append(name)
            if name in linked:
                _write_in_place(name, changes[name][1])
            else:
                os.replace(staged[name], name)
    except OSError as exc:
        if replaced and replaced[-1] == current and current not in linked:
            replaced.pop()  # os.replace raised: that file was not replaced
        kept = _restore(replaced, changes)
        raise _cannot_replace(current, exc, kept) from exc
    except BaseException:
        _restore(replaced, changes)
        raise
    finally:
        for tmp in staged.values():
            _unlink(tmp)  # already gone where the replacement happened


def _expect(name: str, old: str) -> None:
    try:
        st = os.lstat(name)
    except OSError as exc:
        raise _cannot_write(name, exc) from exc
    kind = _kind(st.st_mode)
    if kind is not None:
        raise _not_regular(name, kind)
    try:
        current = _read_current(name)
    except (OSError, UnicodeDecodeError) as exc:
        raise OutputError(
            f"cannot read {name} again: {exc}; nothing was written",
            key="cannot_read_again",
            path=name,
            reason=str(exc),
        ) from exc
    if current != old:
        raise OutputError(
            f"{name} changed since advisor read it; nothing was written: run again",
            key="changed_since_read",
            path=name,
        )


def _cannot_replace(path: str, exc: OSError, kept: list[str]) -> OutputError:
    """A write of several files that failed at *path*: says whether every other file still
    holds its old text (#43: the user must know nothing was half-written)."""
    reason = exc.strerror or str(exc)
    if kept:
        names = ", ".join(kept)
        return OutputError(
            f"cannot write {path}: {reason}; {names} could not be given back "
            "its old text: restore it from version control",
            key="cannot_write_kept",
            path=path,
            reason=reason,
            names=names,
        )
    return OutputError(
        f"cannot write {path}: {reason}; no file was changed: choose a folder you can write to",
        key="cannot_write_none",
        path=path,
        reason=reason,
    )


def _restore(replaced: list[str], changes: Mapping[str, tuple[str, str]]) -> list[str]:
    """Put the old text back into files already replaced; best effort, newest first.
    Returns the files that still hold the new text."""
    import tempfile

    failed: list[str] = []
    for name in reversed(replaced):
        try:
            st = os.stat(name)
            if st.st_nlink > 1:
                _write_in_place(name, changes[name][0])
                continue
            mode = stat.S_IMODE(st.st_mode)
            fd, tmp = tempfile.mkstemp(suffix=_TMP_SUFFIX, dir=os.path.dirname(name) or ".")
            try:
                with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
                    handle.write(changes[name][0])
                os.chmod(tmp, mode)
                _keep_owner(tmp, st)
                os.replace(tmp, name)
            except BaseException:
                _unlink(tmp)
                raise
        except OSError:
            failed.append(name)
    return failed


def _keep_owner(tmp: str, st: os.stat_result) -> None:
    """Give the replacement the file's owner and group: root converting another user's file
    would otherwise take it over, and the owner could no longer read it (review defect #6).
    Without the right to (not root), the group is kept where the user may, the owner not."""
    if not hasattr(os, "chown") or (st.st_uid, st.st_gid) == (os.getuid(), os.getgid()):
        return
    try:
        os.chown(tmp, st.st_uid, st.st_gid)
    except OSError:
        with contextlib.suppress(OSError):
            os.chown(tmp, -1, st.st_gid)


def _write_in_place(name: str, text: str) -> None:
    """Rewrite *name* in its own inode (its owner, mode and other hard links stay)."""
    with open(name, "r+", encoding="utf-8", newline="") as handle:
        handle.write(text)
        handle.truncate()
