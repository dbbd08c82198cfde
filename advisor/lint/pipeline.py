"""The `scan` pipeline: discover files, run the checks (in processes, through the cache), then
the cross-file pass, selection and per-file ignores. `advisor.api.scan` is its public face.

Only the standard library's `ast` is used: the scanned code is never imported or run.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterable, Sequence
from typing import Any

from advisor.findings import Finding, ScanResult, Skipped


def scan(
    paths: Sequence[str | os.PathLike[str]] | str | os.PathLike[str] = (".",),
    *,
    select: Iterable[str] | None = None,
    ignore: Iterable[str] | None = None,
    exclude: Iterable[str] = (),
    config: bool = True,
    cache: bool = True,
    cache_dir: str | None = None,
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
    from advisor import rules
    from advisor.lint._data import bundle
    from advisor.lint.checks.await_missing import resolve
    from advisor.lint.checks.reach import resolve as reach
    from advisor.lint.config import Config, load_config
    from advisor.lint.discover import common_root, discover, excluded, existing_paths
    from advisor.lint.runner import run

    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    given = existing_paths(paths)
    settings = (
        load_config(given[0]) if config else Config(None, os.path.abspath("."), None, (), (), ())
    )
    root = settings.root if settings.path else common_root(given)
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
        sources,
        root,
        use_cache=cache,
        jobs=jobs,
        trust_stat=trust_stat,
        started_ns=started,
        cache_dir=cache_dir,
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
    reached = reach(((s.relpath, r) for s, r in results if "skip" not in r))
    raw.extend((by_relpath[path], finding) for path, finding in reached)
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
