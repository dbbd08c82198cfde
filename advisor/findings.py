"""What a scan returns: findings, files skipped with the reason, and counts.

Plain immutable values (NamedTuples of strings and ints), so they render, compare and turn into
JSON without help. A finding stores its message parameters rather than its text, so one result
can be shown in either language.
"""

from __future__ import annotations

from typing import Any, NamedTuple

from advisor.models import SCHEMA_VERSION


class Finding(NamedTuple):
    """One rule firing on one line. ``path`` is as the user wrote it (display), ``relpath``
    relative to the scan root (what SARIF wants), ``line``/``col`` are 1-based. In a
    notebook, ``cell`` is the code cell (counted from 1, as ruff counts them) and ``line``
    the line in it; 0 in any other file."""

    path: str
    line: int
    col: int
    code: str
    params: tuple[tuple[str, str], ...]
    relpath: str = ""
    cell: int = 0
    #: A chain's hops below the call (``handler -> load_token -> open()``): ``(relpath, line,
    #: col, name)`` of each call that leads on, the blocking call itself last; empty for a
    #: finding that is not a chain (`lint.checks.hop_places`).
    related: tuple[tuple[str, int, int, str], ...] = ()

    def related_path(self, relpath: str) -> str:
        """*relpath* (a hop's file, relative to the same root as ``relpath``) spelled as
        ``path`` is: the scan root as the user wrote it, joined to it (``pkg/app.py`` ->
        ``pkg/util.py``). Inside a repository the root is the repository's, above the folder
        the user scanned from: the part of ``relpath`` that ``path`` does not end with is
        replaced by the part of ``path`` before that ending (newcomer review 23, 8: from
        ``tests/fixtures``, ``blocks at:`` named the hop from the repository's root)."""
        own = self.path.replace("\\", "/").split("/")
        mine = self.relpath.split("/") if self.relpath else []
        same = 0
        while same < min(len(own), len(mine)) and own[-1 - same] == mine[-1 - same]:
            same += 1
        if not same:
            return relpath
        dropped = "/".join(mine[: len(mine) - same])
        kept = "/".join(own[: len(own) - same])
        if dropped and not relpath.startswith(dropped + "/"):
            return relpath
        rest = relpath[len(dropped) + 1 :] if dropped else relpath
        return f"{kept}/{rest}" if kept else rest

    @property
    def end(self) -> str:
        """``util.py:2``, where the chain's blocking call is, when its place is known and
        it is not on the finding's own line (``""`` otherwise): shown beside the message."""
        if not self.related:
            return ""
        relpath, line, _col, name = self.related[-1]
        if not str(dict(self.params).get("call", "")).endswith(f" -> {name}"):
            return ""
        return f"{self.related_path(relpath)}:{line}"

    @property
    def location(self) -> str:
        """``path:line:col``, or ``path:cell N:line:col`` in a notebook (ruff's spelling, which
        editors' problem matchers read in any language)."""
        cell = f"cell {self.cell}:" if self.cell else ""
        return f"{self.path}:{cell}{self.line}:{self.col}"

    def message(self, lang: str = "en") -> str:
        from advisor.rules import render_message

        return render_message(self.code, dict(self.params), lang)

    @property
    def severity(self) -> str:
        from advisor.rules import get_rule

        return get_rule(self.code).severity

    def to_dict(self, lang: str = "en") -> dict[str, Any]:
        return {
            "path": self.path,
            "cell": self.cell or None,  # ruff's JSON: the code cell, null outside notebooks
            "line": self.line,
            "col": self.col,
            "code": self.code,
            "severity": self.severity,
            "message": self.message(lang),
            "related": [
                {"path": self.related_path(p), "line": n, "col": c, "name": name}
                for p, n, c, name in self.related
            ],
        }


#: Skip reasons that say a file holds no Python code to check (a ``README.md`` named on the
#: command line, a notebook in another language or with no code cells): said, listed apart
#: (``ScanResult.not_python``), never counted as code left unchecked. `advisor scan $(git diff
#: --name-only)` failed CI on a changed README beside clean Python (newcomer review 2026-12, 4).
NOT_SOURCE = frozenset({"not_python", "notebook_language", "no_code_cells"})


class Skipped(NamedTuple):
    """A file that could not be read or parsed; ``reason`` is a short English phrase, ``key``
    names its translation and ``detail`` carries the specifics (an error message, a size)."""

    path: str
    key: str
    detail: str = ""

    def reason(self, lang: str = "en") -> str:
        from advisor.lint._data import skip_reason

        return skip_reason(self.key, self.detail, lang)

    @property
    def place(self) -> tuple[int, int]:
        """The line and column (1-based, 0 when unknown) a syntax error is at, from its
        detail (`advisor.lint._data.detail`, ``detail_line``: line, message, column): a
        ``--format github`` annotation put on the file alone said "line 1" in its text only
        (newcomer review 20). (0, 0) for any other reason."""
        from advisor.lint._data import _FIELD

        name, *values = self.detail.split(_FIELD)
        if name != "detail_line" or not values or not values[0].isdigit():
            return 0, 0
        col = values[2] if len(values) > 2 and values[2].isdigit() else "0"
        return int(values[0]), int(col)

    @property
    def folder(self) -> bool:
        """A folder that could not be listed, not a file: summaries count it apart."""
        return self.key.startswith("folder_")

    def to_dict(self, lang: str = "en") -> dict[str, Any]:
        return {"path": self.path, "reason": self.reason(lang), "kind": self.key}


class ScanResult(NamedTuple):
    """``files`` counts the files found, ``checked`` those every selected rule ran on (parsed,
    or recognised from their bytes as files no rule can fire in), ``skipped`` the files that
    could not be checked, with the reason, and ``excluded`` the paths an exclude setting left
    out (named on the command line too, as ruff's ``force-exclude``: a pre-commit hook names
    files one by one)."""

    findings: tuple[Finding, ...]
    skipped: tuple[Skipped, ...]
    files: int
    parsed: int
    cached: int
    root: str
    checked: int = 0
    excluded: int = 0
    #: Of ``excluded``, the paths named on the command line: left out on purpose.
    excluded_named: int = 0
    #: Files of a project template (Jinja in ``.py`` files) that are not Python even with
    #: their tags blanked: not Python source, so neither checked nor unreadable (`lint.jinja`).
    templates: tuple[Skipped, ...] = ()
    #: Of ``checked``, the files found by walking a folder where no rule's words occur:
    #: no rule can fire there, so they were not parsed, and a syntax error in them is not
    #: seen (a file named on the command line is always parsed). Said in every format.
    unparsed: int = 0
    #: Files that hold no Python code (``NOT_SOURCE``): said, not counted as unchecked.
    not_python: tuple[Skipped, ...] = ()

    @property
    def nothing_checked(self) -> bool:
        """No file was checked, and not because every file named was excluded on purpose
        (pre-commit names excluded files too): a run that passes having read nothing would
        pass CI for nothing, also when excludes left nothing of a folder (``exclude =
        ["*"]``, as ``ignore = ["ADV"]`` is refused)."""
        return self.checked == 0 and (
            bool(self.skipped) or bool(self.not_python) or self.excluded_named == 0
        )

    def statistics(self) -> list[tuple[str, int]]:
        """(code, count) by code, most frequent first."""
        counts: dict[str, int] = {}
        for finding in self.findings:
            counts[finding.code] = counts.get(finding.code, 0) + 1
        return sorted(counts.items(), key=lambda item: (-item[1], item[0]))

    def to_dict(self, lang: str = "en") -> dict[str, Any]:
        return {
            "schema_version": SCHEMA_VERSION,
            "findings": [f.to_dict(lang) for f in self.findings],
            "skipped": [s.to_dict(lang) for s in self.skipped],
            "files": self.files,
            "checked": self.checked,
            "not_parsed": self.unparsed,
            "unchecked": len(self.skipped),
            "templates": [t.to_dict(lang) for t in self.templates],
            "not_python": [s.to_dict(lang) for s in self.not_python],
            "excluded": self.excluded,
            "statistics": dict(self.statistics()),
        }
