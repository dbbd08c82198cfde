"""The `scan` pipeline: discover files, run the checks (in processes, through the cache), then
the cross-file pass, selection and per-file ignores. `advisor.api.scan` is its public face.

Only the standard library's `ast` is used: the scanned code is never imported or run.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterable, Sequence
from typing import Any

from advisor.findings import NOT_SOURCE, Finding, ScanResult, Skipped

#: What a scan reads: Python files and notebooks (checked, as ruff checks them).
SUFFIXES = (".py", ".pyw", ".ipynb")


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
    content: bytes | None = None,
) -> ScanResult:
    """Scan files and folders; returns findings (sorted) and skipped files with reasons.

    *select*/*ignore* take codes or prefixes and win over ``[tool.advisor]`` (read from the
    nearest pyproject.toml unless *config* is False). *exclude* adds globs. *cache* uses the
    data-only findings cache; *jobs* caps the worker processes (1: serial). With *trust_stat*
    False every file is read and hashed, even when its stat signature is unchanged. With
    *content*, *paths* is one file name and *content* its text (an editor's unsaved buffer,
    `advisor scan - --stdin-filename`): the file need not exist, and nothing is cached.
    Raises `advisor.errors.ScanError` for a path that does not exist or a bad rule code.
    """
    from advisor.lint._data import bundle
    from advisor.lint.config import Config, load_config
    from advisor.lint.discover import common_root, existing_paths, find
    from advisor.lint.runner import run

    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    given = [os.fspath(p) for p in paths] if content is not None else existing_paths(paths)
    settings = (
        load_config(given[0]) if config else Config(None, os.path.abspath("."), None, (), (), ())
    )
    root = settings.root if settings.path else common_root(given)
    codes, per_file_ignores = _selection(settings, select, ignore)  # before any file is read
    data = bundle()
    started = time.time_ns()  # before any stat: see runner.run
    globs = (*settings.exclude, *exclude)
    if content is not None:
        sources, skipped, named_excluded = _stdin(given[0], root, globs)
        on_purpose = named_excluded
        if sources and len(content) > int(data["calls"]["max_file_bytes"]):
            # Skipped as the same file named on the command line is: 6.4 MB on stdin took
            # 19 s and 3.9 GB of memory where the file itself is refused at once (review 14).
            skipped = [*skipped, Skipped(sources[0].display, "too_large", str(len(content)))]
            sources = []
    else:
        sources, skipped, named_excluded, on_purpose = find(
            given,
            root,
            exclude=globs,
            skip_dirs=data["calls"]["skip_dirs"],
            max_bytes=int(data["calls"]["max_file_bytes"]),
            suffixes=SUFFIXES,
        )
    nearest = _Nearest(settings, select, ignore, (codes, per_file_ignores)) if config else None
    named = {os.path.abspath(p) for p in given}
    if nearest is not None and sources:
        kept = [s for s in sources if not nearest.excludes(s)]
        named_excluded += len(sources) - len(kept)
        on_purpose += sum(1 for s in sources if s not in kept and s.abspath in named)
        sources = kept
    # The named files' projects are read for the index only (`project_files`): a file named
    # alone gets the cross-file findings `advisor scan .` gives it. Isolated (*config* False,
    # `--isolated`), nothing around the named files is read: neither settings nor modules.
    others = (
        _others(sources, named, root, globs=globs, data=data, nearest=nearest) if config else []
    )
    if content is not None and sources:
        from advisor.lint.runner import check_content, run_results

        context: tuple[dict[str, Any], dict[str, str], Sequence[Any]] | None = None
        parsed, reused = 1, 0
        if others:
            context, parsed_others, reused = run_results(
                others,
                root,
                use_cache=cache,
                jobs=jobs,
                trust_stat=trust_stat,
                started_ns=started,
                cache_dir=cache_dir,
            )
            parsed += parsed_others
        results = [(sources[0], check_content(sources[0], content, context))]
    else:
        results, parsed, reused = run(
            [*sources, *others],
            root,
            use_cache=cache,
            jobs=jobs,
            trust_stat=trust_stat,
            started_ns=started,
            cache_dir=cache_dir,
            named_files=frozenset(s.relpath for s in sources if s.abspath in named),
        )
        results = results[: len(sources)]  # the others are never reported on
    # Each result holds the file's findings, cross-file ones included (`runner`).
    raw: list[tuple[Any, list[Any]]] = []
    unchecked = 0
    unparsed = 0  # found by walking, no rule's words: checked by its bytes, never parsed
    templates: list[Skipped] = []
    places = None
    for source, result in results:
        if "skip" in result:
            key, detail = result["skip"]
            unchecked += 1
            if key == "template":
                from advisor.lint.jinja import Places

                places = places or Places()
                if places.holds(source.abspath):
                    # Not Python source: said apart from the files that could not be read.
                    templates.append(Skipped(source.display, key, detail))
                    unchecked -= 1
                else:  # Jinja-like braces outside a project template: a syntax error
                    skipped.append(Skipped(source.display, "syntax_error", detail))
                continue
            skipped.append(Skipped(source.display, key, detail))
            continue
        unparsed += bool(result.get("u"))
        raw.extend((source, f) for f in result.get("f", ()))
    findings: list[Finding] = []
    cells = _Cells(content)
    for source, (line, col, code, params, *more) in raw:
        rel = source.relpath.replace(os.sep, "/")
        file_codes, file_ignores, local = (
            nearest.rules(source) if nearest is not None else (codes, per_file_ignores, rel)
        )
        if code not in file_codes:
            continue
        if any(
            _ignores_file(local, glob) and any(code.startswith(p) for p in patterns)
            for glob, patterns in file_ignores
        ):
            continue
        cell, in_cell = cells.where(source, line)
        findings.append(
            Finding(
                source.display,
                in_cell,
                col,
                code,
                tuple(sorted(params.items())),
                rel,
                cell,
                tuple((str(p), int(n), int(c), str(s)) for p, n, c, s in more[0]) if more else (),
            )
        )
    unique = _one_per_place(findings)
    # No Python code in them (a README.md named, a notebook in another language): said apart.
    not_python = sorted((s for s in skipped if s.key in NOT_SOURCE), key=lambda s: s.path)
    skipped = [s for s in skipped if s.key not in NOT_SOURCE]
    skipped.sort(key=lambda s: s.path)
    checked = len(sources) - unchecked - len(templates)
    return ScanResult(
        unique,
        tuple(skipped),
        len(sources),
        parsed,
        reused,
        root,
        checked,
        named_excluded,
        on_purpose,
        tuple(sorted(templates, key=lambda s: s.path)),
        unparsed,
        tuple(not_python),
    )


def _others(
    sources: Sequence[Any],
    named: set[str],
    root: str,
    *,
    globs: Sequence[str],
    data: dict[str, Any],
    nearest: _Nearest | None,
) -> list[Any]:
    """The other Python files of the projects of the files named one by one (none when only
    folders were named: their walk found the project), less those a nearer
    ``[tool.advisor]`` excludes."""
    files = [s for s in sources if s.abspath in named and not os.path.isdir(s.abspath)]
    if not files:
        return []
    from advisor.lint.project_files import project_sources

    others = project_sources(files, root, exclude=globs, calls=data["calls"])
    if nearest is not None:
        others = [s for s in others if not nearest.excludes(s)]
    known = {s.abspath for s in sources}
    return [s for s in others if s.abspath not in known]


class _Cells:
    """Where a notebook's finding is: the results hold lines of the notebook's code joined
    into one module (`lint.notebook.Program`), cached that way; the report names the cell
    and the line in it, as ruff does (``analysis.ipynb:cell 3:2:5``). Each notebook with a
    finding is read once more here, warm runs included (notebooks are few and small)."""

    def __init__(self, content: bytes | None) -> None:
        self.content = content
        self.programs: dict[str, Any] = {}

    def where(self, source: Any, line: int) -> tuple[int, int]:
        """(cell, line in the cell) for a notebook, (0, *line*) for any other file."""
        if not source.abspath.endswith(".ipynb"):
            return 0, line
        if source.abspath not in self.programs:
            self.programs[source.abspath] = self._program(source)
        joined = self.programs[source.abspath]
        return joined.where(line) if joined is not None else (0, line)

    def _program(self, source: Any) -> Any:
        from advisor.lint.notebook import NotebookError, program

        try:
            if self.content is not None:
                data = self.content
            else:
                with open(source.abspath, "rb") as handle:
                    data = handle.read()
            return program(source.display, data.decode("utf-8"))
        except (OSError, UnicodeDecodeError, NotebookError):
            return None  # changed since the scan read it: the joined module's line stands


def _one_per_place(findings: list[Finding]) -> tuple[Finding, ...]:
    """One finding per rule and position, sorted. Two reports of one rule at one place are one
    mistake seen twice: ``subprocess.Popen([...]).wait()`` is the call ``Popen`` and the call
    ``Popen().wait`` starting at the same column (newcomer #34); the longer name, the whole
    chain, says the most and is kept."""
    best: dict[tuple[str, int, int, int, str], Finding] = {}
    for finding in findings:
        place = (finding.path, finding.cell, finding.line, finding.col, finding.code)
        kept = best.get(place)
        if kept is None or len(str(dict(finding.params).get("call", ""))) > len(
            str(dict(kept.params).get("call", ""))
        ):
            best[place] = finding
    return tuple(sorted(best.values(), key=lambda f: (f.path, f.cell, f.line, f.col, f.code)))


def _selection(
    settings: Any, select: Iterable[str] | None, ignore: Iterable[str] | None
) -> tuple[frozenset[str], list[tuple[str, tuple[str, ...]]]]:
    """The codes to report and the per-file ignores, refused when they would check nothing:
    an empty selection passes every CI run having checked nothing, whichever way it is
    spelled (``--select ""``, ``select = []``, ``--ignore ADV``, ``--select X --ignore X``)."""
    from advisor import rules
    from advisor.errors import ScanError

    # A bad code in pyproject.toml is named there, not as a flag the user never typed.
    in_file = f"{settings.path}: [tool.advisor]"
    chosen = select if select is not None else settings.select
    dropped = ignore if ignore is not None else settings.ignore
    if select is None and chosen is not None and not rules.normalise(chosen, f"{in_file} select"):
        raise ScanError(
            f'{in_file} select names no rule; write select = ["ADV1"] (codes or prefixes), '
            "or leave it out",
            key="scan_config_empty_select",
            path=str(settings.path),
        )
    codes = rules.selected_codes(
        chosen,
        dropped,
        option="--select" if select is not None else f"{in_file} select",
        ignore_option="--ignore" if ignore is not None else f"{in_file} ignore",
    )
    if not codes:
        ignored = "--ignore" if ignore is not None else f"{in_file} ignore"
        if chosen is None:
            raise ScanError(
                f"{ignored}: no rule is left to check; ignore fewer rules (a scan that checks "
                "nothing would pass every time)",
                key="scan_nothing_selected",
                option=ignored,
            )
        selected = "--select" if select is not None else f"{in_file} select"
        if select is None and ignore is None:
            ignored = "ignore"  # one place, named once: `pyproject.toml: [tool.advisor] select and ignore`
        raise ScanError(
            f"{selected} and {ignored}: no rule is left to check; ignore fewer rules (a scan "
            "that checks nothing would pass every time)",
            key="scan_nothing_selected_both",
            select=selected,
            ignore=ignored,
        )
    per_file_ignores = [
        (glob, rules.normalise(patterns, f"{in_file} per-file-ignores"))
        for glob, patterns in settings.per_file_ignores
    ]
    return codes, per_file_ignores


def _ignores_file(path: str, glob: str) -> bool:
    """Whether a per-file-ignores entry covers *path*: its glob matches, or, written as ruff
    negates one (``"!app/b.py"``), it does not (newcomer review 25, #21: the ``!`` was taken
    for part of a path and the entry covered nothing)."""
    from advisor.lint.discover import excluded

    if glob.startswith("!"):
        return not excluded(path, [glob[1:]])
    return excluded(path, [glob])


class _Nearest:
    """Each file's own ``[tool.advisor]``: the nearest pyproject.toml above the file, as ruff
    reads a hierarchy of configurations, so `advisor scan` from the root and a pre-commit run
    naming ``sub/x.py`` apply the same rules to it (newcomer #25). Command-line flags win over
    every file; a nested file's globs are relative to its own folder."""

    def __init__(
        self,
        main: Any,
        select: Iterable[str] | None,
        ignore: Iterable[str] | None,
        main_rules: tuple[frozenset[str], list[tuple[str, tuple[str, ...]]]],
    ) -> None:
        self.main = main
        self.select = select
        self.ignore = ignore
        self.by_folder: dict[str, Any] = {}
        self.rules_by_path: dict[str | None, Any] = {main.path: main_rules}

    def config(self, abspath: str) -> Any:
        return self._folder(os.path.dirname(abspath))

    def _folder(self, folder: str) -> Any:
        """One look at each folder, its parent's answer reused: siblings share ancestors."""
        found = self.by_folder.get(folder)
        if found is not None:
            return found
        from advisor.lint.config import configures_advisor, load_config

        candidate = os.path.join(folder, "pyproject.toml")
        if candidate == self.main.path:
            found = self.main
        elif configures_advisor(candidate):
            found = load_config(folder)
        else:
            parent = os.path.dirname(folder)
            found = self.main if parent == folder else self._folder(parent)
        self.by_folder[folder] = found
        return found

    def _local(self, source: Any, config: Any) -> str:
        return str(os.path.relpath(source.abspath, config.root)).replace(os.sep, "/")

    def excludes(self, source: Any) -> bool:
        """A file the nearer configuration excludes (the main one was applied in the walk)."""
        from advisor.lint.discover import excluded

        config = self.config(source.abspath)
        return (
            config is not self.main
            and bool(config.exclude)
            and excluded(self._local(source, config), config.exclude)
        )

    def rules(self, source: Any) -> tuple[frozenset[str], list[tuple[str, tuple[str, ...]]], str]:
        config = self.config(source.abspath)
        if config.path not in self.rules_by_path:
            self.rules_by_path[config.path] = _selection(config, self.select, self.ignore)
        codes, ignores = self.rules_by_path[config.path]
        local = source.relpath if config is self.main else self._local(source, config)
        return codes, ignores, local.replace(os.sep, "/")


def _stdin(name: str, root: str, globs: Sequence[str]) -> tuple[list[Any], list[Skipped], int]:
    """The one source of `scan -`: named as the editor names it, excluded as that file would
    be (an excluded file's buffer reports nothing, as ruff's ``--force-exclude`` does), and
    refused as that file would be when named (a README.md buffer is not parsed as Python)."""
    from advisor.lint.discover import Source, _relative, excluded, refused_name

    abspath = os.path.abspath(name)
    rel = _relative(abspath, root) or os.path.relpath(abspath, root)
    if globs and excluded(rel, globs):
        return [], [], 1
    if (refused := refused_name(name, SUFFIXES)) is not None:
        return [], [refused], 0
    return [Source(abspath, name, rel, 0, (0, 0, 0, 0))], [], 0
