"""Which files a scan reads: Python files under the given paths, minus what nobody wants linted.
`advisor scan` and `scan --recommend` look for ``.py`` and ``.ipynb`` files (*suffixes*), and for
extensionless scripts whose ``#!`` line runs Python (`python_script`); a
caller that reads only ``.py`` still lists the notebooks it leaves out, with that reason.

Skipped without a word: version-control folders, virtual environments (any folder holding a
``pyvenv.cfg``), ``site-packages``, ``__pycache__``, ``node_modules`` and the like (the list is in
``data/calls.yaml``), what ``.gitignore`` files ignore, and ``--exclude`` globs. Reported as
skipped, with the reason: symbolic-link loops, broken links, unreadable folders and files larger
than the limit. A file named on the command line is scanned whatever its extension, unless the
extension says it is not Python (``.md``, ``.json``, ...: skipped with that reason) or an exclude
glob names it (excluded, and counted: `find`).
"""

from __future__ import annotations

import errno
import fnmatch
import os
import re
import stat
from collections.abc import Iterable, Sequence
from functools import lru_cache
from operator import attrgetter
from typing import NamedTuple

from advisor.findings import Skipped
from advisor.lint._data import os_skip
from advisor.lint.named import not_python_detail


class Source(NamedTuple):
    """A file to scan: absolute path, path as shown, path relative to the root, its stat."""

    abspath: str
    display: str
    relpath: str
    size: int
    signature: tuple[int, int, int, int]


def signature(st: os.stat_result) -> tuple[int, int, int, int]:
    """What must be unchanged for a cached result to be trusted without reading the file."""
    return (st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino)


# ---- .gitignore ------------------------------------------------------------------------------
class _Pattern(NamedTuple):
    regex: re.Pattern[str]
    negate: bool
    dir_only: bool


def _translate(glob: str) -> str:
    """A gitignore glob (already stripped of '!' and the trailing '/') as a regex body."""
    out: list[str] = []
    i, n = 0, len(glob)
    while i < n:
        char = glob[i]
        if glob.startswith("**/", i):
            out.append("(?:.*/)?")
            i += 3
        elif glob.startswith("/**", i) and i + 3 == n:
            out.append("/.*")
            i += 3
        elif glob.startswith("**", i):
            out.append(".*")
            i += 2
        elif char == "*":
            out.append("[^/]*")
            i += 1
        elif char == "?":
            out.append("[^/]")
            i += 1
        elif char == "[":
            end = glob.find("]", i + 2)
            if end < 0:
                out.append(re.escape(char))
                i += 1
            else:
                body = glob[i + 1 : end]
                if body.startswith("!"):
                    body = "^" + body[1:]
                out.append(f"[{body}]")
                i = end + 1
        elif char == "\\" and i + 1 < n:
            out.append(re.escape(glob[i + 1]))
            i += 2
        else:
            out.append(re.escape(char))
            i += 1
    return "".join(out)


def parse_gitignore(text: str) -> list[_Pattern]:
    patterns: list[_Pattern] = []
    for raw in text.splitlines():
        line = raw.rstrip()
        if raw.endswith("\\ "):
            line = raw[:-2] + " "
        if not line or line.startswith("#"):
            continue
        negate = line.startswith("!")
        if negate or line.startswith("\\"):
            line = line[1:]
        dir_only = line.endswith("/")
        line = line.rstrip("/")
        if not line:
            continue
        anchored = "/" in line
        line = line.lstrip("/")
        body = _translate(line)
        prefix = "^" if anchored else "^(?:.*/)?"
        try:
            regex = re.compile(prefix + body + "$")
        except re.error:
            continue
        patterns.append(_Pattern(regex, negate, dir_only))
    return patterns


class _IgnoreFile(NamedTuple):
    base: str  # absolute folder the .gitignore lives in
    patterns: list[_Pattern]
    any_file: re.Pattern[str]  # all patterns that apply to files, as one quick pre-test
    any_dir: re.Pattern[str]


def _combined(patterns: Iterable[_Pattern]) -> re.Pattern[str]:
    bodies = [p.regex.pattern for p in patterns]
    return re.compile("|".join(f"(?:{b})" for b in bodies) if bodies else "(?!)")


def _read_ignore(folder: str) -> _IgnoreFile | None:
    try:
        with open(os.path.join(folder, ".gitignore"), encoding="utf-8", errors="replace") as f:
            patterns = parse_gitignore(f.read())
    except OSError:
        return None
    if not patterns:
        return None
    files = _combined(p for p in patterns if not p.dir_only)
    return _IgnoreFile(folder, patterns, files, _combined(patterns))


def _ignored(path: str, is_dir: bool, stack: Sequence[_IgnoreFile]) -> bool:
    verdict = False
    for ignore in stack:
        rel = _relative(path, ignore.base)
        if rel is None or not (ignore.any_dir if is_dir else ignore.any_file).match(rel):
            continue
        for pattern in ignore.patterns:
            if pattern.dir_only and not is_dir:
                continue
            if pattern.regex.match(rel):
                verdict = not pattern.negate
    return verdict


def _relative(path: str, base: str) -> str | None:
    """*path* relative to *base* with '/' separators, or None when outside (no relpath: this
    runs for every entry of the walk, and `os.path.relpath` is slow)."""
    prefix = base.rstrip(os.sep) + os.sep
    if not path.startswith(prefix):
        return None
    rel = path[len(prefix) :]
    return rel.replace(os.sep, "/") if os.sep != "/" else rel


def _ancestor_ignores(folder: str) -> list[_IgnoreFile]:
    """The .gitignore files above *folder* up to its git root (none outside a repository)."""
    found: list[_IgnoreFile] = []
    current = folder
    while True:
        parent = os.path.dirname(current)
        if os.path.exists(os.path.join(current, ".git")):
            break
        if parent == current:
            return []  # no repository: ancestors' .gitignore files do not apply
        current = parent
        ignore = _read_ignore(current)
        if ignore is not None:
            found.append(ignore)
    found.reverse()
    return found


# ---- exclusion globs -------------------------------------------------------------------------
@lru_cache(maxsize=256)
def _path_glob(pattern: str) -> re.Pattern[str]:
    """A glob with a '/' as a regex over the whole relative path, as .gitignore and ruff read
    it: ``*`` and ``?`` stay inside one folder name, ``**`` crosses folders, and a match on a
    folder covers everything below it."""
    return re.compile(f"^{_translate(pattern)}(?:/.*)?$")


def excluded(relpath: str, globs: Iterable[str]) -> bool:
    """ruff-like: a glob with a '/' matches the path from the root (``sub/*.py`` is not
    ``sub/deep/c.py``); one without matches any path component (``--exclude build`` drops
    every ``build`` folder)."""
    rel = relpath.replace(os.sep, "/")
    parts = rel.split("/")
    for glob in globs:
        pattern = glob.replace(os.sep, "/").rstrip("/")
        while pattern.startswith("./"):  # not lstrip("./"): `.tox/*` must keep its dot
            pattern = pattern[2:]
        if "/" in pattern:
            if _path_glob(pattern).match(rel):
                return True
        elif any(fnmatch.fnmatchcase(part, pattern) for part in parts):
            return True
    return False


# ---- the walk --------------------------------------------------------------------------------
class _Walker:
    """One discovery: the settings, the files found and the files skipped."""

    def __init__(
        self,
        root: str,
        exclude: Sequence[str],
        skip: frozenset[str],
        max_bytes: int,
        gitignore: bool,
        *,
        suffixes: tuple[str, ...] = (".py",),
    ) -> None:
        self.root = root
        self.suffixes = suffixes
        #: Names a walk looks at: the files it checks, and notebooks, which a scan of .py
        #: files leaves out out loud rather than silently.
        self.looked_at = suffixes if ".ipynb" in suffixes else (*suffixes, ".ipynb")
        self.exclude = exclude
        self.skip = skip
        self.max_bytes = max_bytes
        self.gitignore = gitignore
        self.sources: list[Source] = []
        self.skipped: list[Skipped] = []
        #: file identity -> (index in sources, reached through a symbolic link)
        self.seen: dict[tuple[int, int], tuple[int, bool]] = {}
        self.active: set[tuple[int, int]] = set()
        self.excluded = 0
        #: Folder links the walk is inside: a file met below one is met through a link, and
        #: its real path, met elsewhere in the walk, names it instead (newcomer #20).
        self.linked = 0

    def add(
        self,
        abspath: str,
        display: str,
        st: os.stat_result,
        *,
        link: bool = False,
        rel: str | None = None,
    ) -> None:
        """One file; a file met twice (a link and its target) is scanned once, under its real
        name when the walk meets it: findings belong to the file a user edits. *rel*: the
        path relative to the root, when the walk knows it already."""
        identity = (st.st_dev, st.st_ino)
        if rel is None:
            rel = _relative(abspath, self.root) or os.path.relpath(abspath, self.root)
        if identity in self.seen:
            position, by_link = self.seen[identity]
            if by_link and not link and position >= 0:
                self.sources[position] = Source(abspath, display, rel, st.st_size, signature(st))
                self.seen[identity] = (position, False)
            return
        if st.st_size > self.max_bytes:
            self.seen[identity] = (-1, link)
            self.skipped.append(Skipped(display, "too_large", str(st.st_size)))
            return
        self.seen[identity] = (len(self.sources), link)
        self.sources.append(Source(abspath, display, rel, st.st_size, signature(st)))

    def walk(
        self, folder: str, display: str, ignores: list[_IgnoreFile], *, named: bool = False
    ) -> None:
        """Depth-first; `active` holds the folders on the current path, so a link back to one
        of them (``sub/up -> ..``) is not walked again, while two links to one folder are simply
        walked. Such a link is not reported as unchecked: every file under it is on the path
        being walked and is checked under its own name; counting it made a clean tree with a
        ``-> ..`` link say "1 of 2 files could not be checked" (newcomer re-check, issue 17).
        A folder *named* on the command line is walked even when it holds a ``pyvenv.cfg``
        (`python -m venv .` in the project's own folder): the user asked for it, as ruff
        checks a path it is given; the environment's site-packages below it stay skipped."""
        try:
            st = os.stat(folder)
        except OSError as exc:
            self.skipped.append(_stat_skip(display, folder, exc))
            return
        identity = (st.st_dev, st.st_ino)
        if identity in self.active:
            return
        try:
            with os.scandir(folder) as it:
                entries = sorted(it, key=_NAME)
        except OSError as exc:
            if not named and os.path.exists(os.path.join(folder, "pyvenv.cfg")):
                return
            # A folder, said as one: counted among the files, `chmod 000 locked` read "2 of
            # 3 file(s) could not be checked" (newcomer review 15).
            key, said = os_skip(exc)
            self.skipped.append(Skipped(display, f"folder_{key}", said))
            return
        # The folder's own listing says whether it is a virtual environment or has a
        # .gitignore: two fewer system calls per folder (2,777 folders in Home Assistant).
        names = {entry.name for entry in entries}
        if "pyvenv.cfg" in names and not named:
            return
        if self.gitignore and ".gitignore" in names:
            own = _read_ignore(folder)
            if own is not None:
                ignores = [*ignores, own]
        self.active.add(identity)
        suffixes = self.looked_at
        scripts = ".py" in self.suffixes
        for entry in entries:
            # Most entries of a big tree are data files (JSON, translations, images):
            # passed over here without a call, unless the name could be a folder or a link.
            if not entry.name.endswith(suffixes):
                try:
                    if not (entry.is_dir() or entry.is_symlink()):
                        if (
                            scripts
                            and "." not in entry.name
                            # a FIFO or device: opening it could block forever
                            and entry.is_file(follow_symlinks=False)
                            and python_script(entry.path)
                        ):
                            self._entry(entry, display, ignores, script=True)
                        continue
                except OSError:
                    pass  # `_entry` says what it is
            self._entry(entry, display, ignores)
        self.active.discard(identity)

    def _entry(
        self,
        entry: os.DirEntry[str],
        display: str,
        ignores: list[_IgnoreFile],
        *,
        script: bool = False,
    ) -> None:
        """One entry of a folder; *script*: an extensionless file whose ``#!`` line runs
        Python (`python_script`), checked as a ``.py`` file is."""
        name = entry.name
        is_dir = _is_dir(entry)
        if not is_dir and not script and not name.endswith(self.looked_at):
            # Most entries of a big tree (data files, translations): decided from the name.
            if entry.is_symlink():
                try:
                    os.stat(entry.path)
                except OSError as exc:
                    if exc.errno == errno.ELOOP:  # a link loop: its name says nothing of its kind
                        self.skipped.append(Skipped(self._shown(display, name), "symlink_loop"))
            return
        if is_dir and name in self.skip:
            return
        rel = _relative(entry.path, self.root) or name
        if self.exclude and excluded(rel, self.exclude):
            self.excluded += 1
            return
        if ignores and _ignored(entry.path, is_dir, ignores):
            return
        shown = self._shown(display, name)
        if is_dir:
            link = entry.is_symlink()
            self.linked += link
            try:
                self.walk(entry.path, shown, ignores)
            finally:
                self.linked -= link
            return
        if not script and not name.endswith(self.suffixes):
            # A notebook where only .py files are checked: left out, but said (newcomer #21).
            self.skipped.append(Skipped(shown, "notebook", ".ipynb"))
            return
        try:
            file_st = entry.stat()
        except OSError as exc:
            self.skipped.append(_stat_skip(shown, entry.path, exc))
            return
        if stat.S_ISREG(file_st.st_mode):
            self.add(
                entry.path, shown, file_st, link=entry.is_symlink() or self.linked > 0, rel=rel
            )

    @staticmethod
    def _shown(display: str, name: str) -> str:
        """`src/` (as shell completion types it) shows `src/app.py`, not `src//app.py`."""
        return f"{display.rstrip(_SEPARATORS)}{os.sep}{name}" if display != "." else name


_SEPARATORS = os.sep + (os.altsep or "")
_NAME = attrgetter("name")

#: A ``#!`` line that runs Python: ``/usr/bin/python3``, ``/usr/bin/env python3.12 -u``,
#: ``pypy3``, or ``uv run --script`` (PEP 723 scripts).
_PYTHON_SHEBANG = re.compile(
    rb"^#![ \t]*\S*(?:[/ \t]|env[ \t]+(?:-\S+[ \t]+)*)"
    rb"(?:python|pypy)[0-9.]*(?:[ \t]|\r?$)|^#!.*\buv[ \t]+run\b.*--script\b"
)


def python_script(path: str) -> bool:
    """Whether the extensionless file at *path* is a Python script: its first line is a
    ``#!`` that runs Python. Such a file (``bin/deploy``, a tool's entry point) was passed
    over in silence when a folder was scanned (review 2026-12); ruff too leaves it out
    unless named (ruff #13122), but a file Python runs can block a loop like any other.
    Only names without a dot are opened, and only their first 256 bytes read: a big
    tree's extensionless files are few (``LICENSE``, ``Makefile``)."""
    try:
        with open(path, "rb") as handle:
            head = handle.read(256)
    except OSError:
        return False
    first = head.split(b"\n", 1)[0]
    # A zipapp (`python -m zipapp`, shiv, pex) is a `#!` line then a zip archive: Python
    # runs it, but it holds no source to check, and calling it binary data would fail the run.
    return b"\0" not in head and bool(_PYTHON_SHEBANG.match(first))


def _is_dir(entry: os.DirEntry[str]) -> bool:
    try:
        return entry.is_dir()
    except OSError:
        return False


class Discovery(NamedTuple):
    """What a discovery found: files to scan, files skipped with the reason, how many paths
    (named, or met in the walk) an exclude glob left out, and how many of those were named:
    a named path excluded is on purpose (pre-commit names every changed file), a folder whose
    every file is excluded checked nothing."""

    sources: list[Source]
    skipped: list[Skipped]
    excluded: int
    named_excluded: int = 0


#: Extensions of files that are certainly not Python source, refused when named: a README
#: parsed as Python is a syntax error that says nothing useful.
_NOT_PYTHON = frozenset(
    [
        ".md",
        ".rst",
        ".txt",
        ".json",
        ".toml",
        ".yaml",
        ".yml",
        ".cfg",
        ".ini",
        ".csv",
        ".html",
        ".htm",
        ".xml",
        ".js",
        ".ts",
        ".css",
        ".c",
        ".h",
        ".cpp",
        ".rs",
        ".go",
        ".java",
        ".sh",
        ".lock",
        ".pyc",
        ".pyo",
        ".so",
        ".png",
        ".jpg",
        ".gif",
        ".pdf",
        ".zip",
        ".gz",
    ]
)


def discover(
    paths: Sequence[str],
    root: str,
    *,
    exclude: Sequence[str] = (),
    skip_dirs: Iterable[str] = (),
    max_bytes: int = 5_000_000,
    gitignore: bool = True,
    suffixes: tuple[str, ...] = (".py",),
) -> tuple[list[Source], list[Skipped]]:
    """Files to scan and files skipped with a reason, in a stable order. *suffixes*: the
    file names a folder is searched for (`scan --recommend` also reads ``.ipynb``)."""
    found = find(
        paths,
        root,
        exclude=exclude,
        skip_dirs=skip_dirs,
        max_bytes=max_bytes,
        gitignore=gitignore,
        suffixes=suffixes,
    )
    return found.sources, found.skipped


def find(
    paths: Sequence[str],
    root: str,
    *,
    exclude: Sequence[str] = (),
    skip_dirs: Iterable[str] = (),
    max_bytes: int = 5_000_000,
    gitignore: bool = True,
    suffixes: tuple[str, ...] = (".py",),
) -> Discovery:
    """`discover`, with the count of named paths the exclude globs left out.

    Exclude globs apply to paths named on the command line too (ruff's ``force-exclude``,
    always on): pre-commit names every changed file, and an excluded folder must stay
    excluded there as it is in `advisor scan .`. A named file that is certainly not Python
    (``README.md``) is skipped with that reason rather than parsed as Python.
    """
    # An absolute glob (`--exclude "$PWD/build"`) is matched like the relative paths it names.
    exclude = [_relative_glob(glob, root) for glob in exclude]
    walker = _Walker(root, exclude, frozenset(skip_dirs), max_bytes, gitignore, suffixes=suffixes)
    named = 0
    for given in paths:
        abspath = os.path.abspath(given)
        rel = _relative(abspath, root) or os.path.relpath(abspath, root)
        if exclude and rel != "." and excluded(rel, exclude):
            walker.excluded += 1
            # A named file excluded is pre-commit's on purpose; a named folder excluded whole
            # (`advisor scan src` under `exclude = ["*"]`) is CI checking nothing (review
            # 2026-12: it exited 0, SARIF "executionSuccessful": true).
            named += not os.path.isdir(abspath)
            continue
        try:
            st = os.stat(abspath)
        except OSError as exc:
            walker.skipped.append(_stat_skip(given, abspath, exc))
            continue
        if stat.S_ISREG(st.st_mode):
            if (refused := refused_name(given, suffixes)) is not None:
                walker.skipped.append(refused)
                continue
            what = not_python_detail(abspath, given)
            if what is not None and not python_script(abspath):
                walker.skipped.append(Skipped(given, "not_python", what))
                continue
            walker.add(abspath, given, st, link=os.path.islink(abspath))
            continue
        if not stat.S_ISDIR(st.st_mode):
            # A FIFO, socket or device named on the command line: reading it could block
            # forever or never end, so it is skipped like any other file that cannot be read.
            walker.skipped.append(Skipped(given, "not_regular"))
            continue
        shown = given.rstrip(_SEPARATORS) or given  # `./` is `.`; `/` stays itself
        walker.linked = int(os.path.islink(abspath.rstrip(_SEPARATORS) or abspath))
        walker.walk(abspath, shown, _ancestor_ignores(abspath) if gitignore else [], named=True)
        walker.linked = 0
    return Discovery(walker.sources, walker.skipped, walker.excluded, named)


def refused_name(given: str, suffixes: tuple[str, ...]) -> Skipped | None:
    """Why a file named on the command line (or an editor's buffer named by
    ``--stdin-filename``) is not read as Python: its extension says it is something else
    (``README.md``), or it is a notebook where notebooks are not checked; None to read it."""
    extension = os.path.splitext(given)[1].lower()
    if extension in _NOT_PYTHON or (extension == ".ipynb" and ".ipynb" not in suffixes):
        return Skipped(given, "notebook" if extension == ".ipynb" else "not_python", extension)
    return None


def _relative_glob(glob: str, root: str) -> str:
    if not os.path.isabs(glob):
        return glob
    try:
        return os.path.relpath(glob, root)
    except ValueError:  # another drive on Windows: it cannot match anything under root
        return glob


def _stat_skip(display: str, abspath: str, exc: OSError) -> Skipped:
    if exc.errno == errno.ELOOP:
        return Skipped(display, "symlink_loop")
    if os.path.islink(abspath):
        return Skipped(display, "broken_symlink")
    return Skipped(display, *os_skip(exc))


def existing_paths(paths: Sequence[str | os.PathLike[str]]) -> list[str]:
    """The paths given (default ``.``), each checked to exist before any work: a typo is a
    usage error, never an empty scan that passes."""
    from advisor.errors import ScanError

    given = [os.fspath(p) for p in paths] or ["."]
    for path in given:
        if not path:
            # `advisor scan "$SRC"` with SRC unset printed ": no such file or folder"
            raise ScanError(
                'an empty path ("") was given; name a file or folder, or give no path to '
                "scan the current folder",
                key="scan_empty_path",
            )
        bare = path.rstrip(_SEPARATORS)
        if bare and bare != path and os.path.isfile(bare):
            # `app.py/` (shell completion after a folder name, then a typo): the file exists.
            raise ScanError(
                f"{path}: {bare} is a file, not a folder; drop the trailing {path[-1]}",
                key="scan_file_as_folder",
                path=path,
                file=bare,
                separator=path[-1],
            )
        if not os.path.lexists(path):
            raise ScanError(
                f"{path}: no such file or folder; check the path given to `advisor scan`",
                key="scan_no_path",
                path=path,
            )
    return given


def common_root(paths: Sequence[str]) -> str:
    """The current folder when every path is inside it (paths then read as typed), else the
    folder the paths share: what SARIF locations and the cache index are relative to."""
    here = os.path.abspath(".")
    absolute = [os.path.abspath(p) for p in paths]
    if all(p == here or p.startswith(here.rstrip(os.sep) + os.sep) for p in absolute):
        return here
    common = os.path.commonpath(absolute)
    return common if os.path.isdir(common) else os.path.dirname(common)
