"""`advisor.scan`: find the chapter's concurrency pitfalls in code, statically.

Only the standard library's `ast` is used: the scanned code is never imported or run.

    >>> import advisor
    >>> result = advisor.scan(["src"], select=["ADV101", "ADV102"])
    >>> [f"{f.path}:{f.line}: {f.code}" for f in result.findings]

``advisor.scan`` is both this package and the function above: the package's module object is
callable (see `_CallableModule`), because importing any submodule such as ``advisor.scan.rules``
rebinds the ``scan`` attribute of ``advisor`` to the package, which would otherwise shadow the
function exported from ``advisor/__init__.py``.
"""

from __future__ import annotations

import os
import sys
import time
import types
from collections.abc import Iterable, Sequence
from typing import Any

from advisor.scan.results import Finding, ScanResult, Skipped

__all__ = ["Finding", "ScanResult", "Skipped", "scan"]


def scan(
    paths: Sequence[str | os.PathLike[str]] | str | os.PathLike[str] = (".",),
    *,
    select: Iterable[str] | None = None,
    ignore: Iterable[str] | None = None,
    exclude: Iterable[str] = (),
    config: bool = True,
    cache: bool = True,
    jobs: int | None = None,
    trust_stat: bool = True,
) -> ScanResult:
    """Scan files and folders; returns findings (sorted) and skipped files with reasons.

    *select*/*ignore* take codes or prefixes and win over ``[tool.advisor]`` (read from the
    nearest pyproject.toml unless *config* is False). *exclude* adds globs. *cache* uses the
    data-only findings cache; *jobs* caps the worker processes (1: serial). With *trust_stat*
    False every file is read and hashed, even when its stat signature is unchanged.
    Raises `advisor.errors.ScanError` for a path that does not exist or a bad rule code.
    """
    from advisor.scan import rules
    from advisor.scan._data import bundle
    from advisor.scan.checks.await_missing import resolve
    from advisor.scan.config import Config, load_config
    from advisor.scan.discover import discover, excluded
    from advisor.scan.runner import run

    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    given = _existing_paths(paths)
    settings = (
        load_config(given[0]) if config else Config(None, os.path.abspath("."), None, (), (), ())
    )
    root = settings.root if settings.path else _common_root(given)
    # A bad code in pyproject.toml is named there, not as a flag the user never typed.
    in_file = f"{settings.path}: [tool.advisor]"
    codes = rules.selected_codes(
        select if select is not None else settings.select,
        ignore if ignore is not None else settings.ignore,
        option="--select" if select is not None else f"{in_file} select",
        ignore_option="--ignore" if ignore is not None else f"{in_file} ignore",
    )
    per_file_ignores = [  # checked before any file is read
        (glob, rules.normalise(patterns, f"{in_file} per-file-ignores"))
        for glob, patterns in settings.per_file_ignores
    ]
    data = bundle()
    started = time.time_ns()  # before any stat: see runner.run
    sources, skipped = discover(
        given,
        root,
        exclude=(*settings.exclude, *exclude),
        skip_dirs=data["calls"]["skip_dirs"],
        max_bytes=int(data["calls"]["max_file_bytes"]),
    )
    results, parsed, reused = run(
        sources, root, use_cache=cache, jobs=jobs, trust_stat=trust_stat, started_ns=started
    )
    raw: list[tuple[Any, list[Any]]] = []
    for source, result in results:
        if "skip" in result:
            key, detail = result["skip"]
            skipped.append(Skipped(source.display, key, detail))
            continue
        raw.extend((source, f) for f in result.get("f", ()))
    by_relpath = {source.relpath: source for source, _ in results}
    cross = resolve(
        ((s.relpath, r) for s, r in results if "skip" not in r),
        data["calls"]["asyncio_coroutines"],
    )
    raw.extend((by_relpath[path], finding) for path, finding in cross)
    findings: list[Finding] = []
    for source, (line, col, code, params) in raw:
        if code not in codes:
            continue
        rel = source.relpath.replace(os.sep, "/")
        if any(
            excluded(rel, [glob]) and any(code.startswith(p) for p in patterns)
            for glob, patterns in per_file_ignores
        ):
            continue
        findings.append(
            Finding(source.display, line, col, code, tuple(sorted(params.items())), rel)
        )
    findings.sort(key=lambda f: (f.path, f.line, f.col, f.code))
    unique = tuple(dict.fromkeys(findings))
    skipped.sort(key=lambda s: s.path)
    return ScanResult(unique, tuple(skipped), len(sources), parsed, reused, root)


def _existing_paths(paths: Sequence[str | os.PathLike[str]]) -> list[str]:
    """The paths given (default ``.``), each checked to exist before any work: a typo is a
    usage error, never an empty scan that passes."""
    from advisor.errors import ScanError

    given = [os.fspath(p) for p in paths] or ["."]
    for path in given:
        if not os.path.lexists(path):
            raise ScanError(
                f"{path}: no such file or folder; check the path given to `advisor scan`",
                key="scan_no_path",
                path=path,
            )
    return given


def _common_root(paths: Sequence[str]) -> str:
    """The current folder when every path is inside it (paths then read as typed), else the
    folder the paths share: what SARIF locations and the cache index are relative to."""
    here = os.path.abspath(".")
    absolute = [os.path.abspath(p) for p in paths]
    if all(p == here or p.startswith(here.rstrip(os.sep) + os.sep) for p in absolute):
        return here
    common = os.path.commonpath(absolute)
    return common if os.path.isdir(common) else os.path.dirname(common)


class _CallableModule(types.ModuleType):
    """Lets ``advisor.scan(...)`` work whether the name resolves to the package or the function."""

    def __call__(self, *args: Any, **kwargs: Any) -> ScanResult:
        return scan(*args, **kwargs)


sys.modules[__name__].__class__ = _CallableModule
