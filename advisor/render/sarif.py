"""SARIF 2.1.0, as GitHub code scanning reads it.

Each rule carries its metadata (name, short and full description, and its whole four-part doc
as help text and Markdown, from the rule registry) so the code-scanning UI can explain an alert
without a link to follow (the project has no web site to point a ``helpUri`` at); each result points at a file relative to the scan
root (``%SRCROOT%``, which GitHub maps to the repository) with ``startLine``/``startColumn``.
Skipped files become tool notifications, so nothing is silently dropped.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import IO, TYPE_CHECKING, Any

if TYPE_CHECKING:
    from advisor.findings import Finding, ScanResult

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"


def _level(severity: str) -> str:
    return "error" if severity == "error" else "warning"


def _uri(path: str) -> str:
    """Percent-encode a relative path into a URI reference: SARIF readers decode ``uri``, so a
    space or a ``%`` in a file name would otherwise point GitHub at a file that does not
    exist, and a ``:`` is encoded too, since ``c:z.py`` would read as a URI with scheme ``c``
    (RFC 3986 4.2)."""
    from urllib.parse import quote

    return quote(path.replace("\\", "/"), safe="/")


def _root_uri(path: str) -> str:
    from urllib.parse import quote

    return quote(path.replace("\\", "/"), safe="/:")


def document(result: ScanResult, lang: str) -> dict[str, Any]:
    from advisor._version import __version__
    from advisor.render.rule import markdown_body, plain_body
    from advisor.rules import all_rules

    rules = []
    index: dict[str, int] = {}
    for position, (code, rule) in enumerate(sorted(all_rules("lint").items())):
        index[code] = position
        rules.append(
            {
                "id": code,
                "name": rule.name,
                "shortDescription": {"text": rule.name.replace("-", " ")},
                "fullDescription": {"text": rule.text("what", lang)},
                "help": {
                    "text": plain_body(rule, lang).rstrip("\n"),
                    "markdown": markdown_body(rule, lang, level=3).rstrip("\n"),
                },
                "defaultConfiguration": {"level": _level(rule.severity)},
                "properties": {"tags": ["concurrency", "asyncio"]},
            }
        )
    from advisor.render.findings import in_cell

    results = []
    for f in result.findings:
        entry: dict[str, Any] = {
            "ruleId": f.code,
            "ruleIndex": index[f.code],
            "level": _level(f.severity),
            "message": {"text": in_cell(f, f.message(lang), lang) if f.cell else f.message(lang)},
            "locations": [
                {
                    "physicalLocation": {
                        "artifactLocation": {"uri": _uri(f.relpath), "uriBaseId": "%SRCROOT%"},
                        "region": {"startLine": f.line, "startColumn": f.col},
                    }
                }
            ],
        }
        if f.related:
            _related(entry, f)
        if f.cell:
            # In a notebook the region is the line and column in the cell, which the
            # property names (ruff's JSON calls it "cell" too) and the message says.
            entry["locations"][0]["properties"] = {"cell": f.cell}
            entry["properties"] = {"cell": f.cell}
        results.append(entry)
    from advisor.texts import ui

    texts = ui(lang)
    from advisor.render.findings import unchecked_summary

    notifications: list[dict[str, Any]] = [
        {
            "level": "warning",
            "message": {"text": texts("scan_skipped", path=s.path, reason=s.reason(lang))},
        }
        for s in result.skipped
    ]
    summary = unchecked_summary(result, lang)
    if summary:
        notifications.append(
            {
                "level": "error" if result.nothing_checked else "warning",
                "message": {"text": summary},
            }
        )
    from advisor.render.findings import not_parsed_summary, templates_summary

    if result.unparsed:
        # Counted as checked (no rule can fire there), but never parsed: a note, as ruff
        # would have parsed them; the run still did what it was asked.
        notifications.append(
            {"level": "note", "message": {"text": not_parsed_summary(result, lang)}}
        )

    # Project templates are not Python source: notes, not a failed run (`lint.jinja`).
    notifications.extend(
        {
            "level": "note",
            "message": {
                "text": texts("scan_template", path=t.path, reason=t.reason(lang)),
            },
            "locations": [
                {
                    "physicalLocation": {
                        "artifactLocation": {"uri": _uri(t.path), "uriBaseId": "%SRCROOT%"}
                    }
                }
            ],
        }
        for t in result.templates
    )
    if result.templates:
        notifications.append(
            {"level": "note", "message": {"text": templates_summary(result, lang)}}
        )
    # Files with no Python code in them (a README.md named): notes, not a failed run.
    notifications.extend(
        {
            "level": "note",
            "message": {"text": texts("scan_skipped", path=o.path, reason=o.reason(lang))},
            "locations": [
                {
                    "physicalLocation": {
                        "artifactLocation": {"uri": _uri(o.path), "uriBaseId": "%SRCROOT%"}
                    }
                }
            ],
        }
        for o in result.not_python
    )
    root_uri = "file://" + _root_uri(result.root.replace("\\", "/").rstrip("/") + "/")
    return {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "advisor",
                        "version": __version__,
                        "rules": rules,
                    }
                },
                "originalUriBaseIds": {"%SRCROOT%": {"uri": root_uri}},
                "results": results,
                "invocations": [
                    {
                        # False when any file could not be checked: the run did not do
                        # all it was asked to, whatever the results say.
                        "executionSuccessful": not result.skipped and not result.nothing_checked,
                        "toolExecutionNotifications": notifications,
                    }
                ],
            }
        ],
    }


def _place(relpath: str, line: int, col: int) -> dict[str, Any]:
    return {
        "artifactLocation": {"uri": _uri(relpath), "uriBaseId": "%SRCROOT%"},
        "region": {"startLine": line, "startColumn": col},
    }


def _related(entry: dict[str, Any], finding: Finding) -> None:
    """A chain's hops (`Finding.related`) as the result's ``relatedLocations`` (SARIF 2.1.0
    3.27.22: each a location with an ``id`` unique in the result and a message naming the
    call there), and as one ``codeFlows`` thread flow (3.36, 3.37): the call in the coroutine,
    then each hop one level deeper, down to the blocking call, the path a reader follows."""
    hops = [
        {"id": number, "physicalLocation": _place(*hop[:3]), "message": {"text": f"{hop[3]}"}}
        for number, hop in enumerate(finding.related, start=1)
    ]
    entry["relatedLocations"] = hops
    call = str(dict(finding.params).get("call", finding.code))
    first = {"location": {**entry["locations"][0], "message": {"text": call}}, "nestingLevel": 0}
    flow = [first]
    flow.extend(
        {"location": {k: v for k, v in hop.items() if k != "id"}, "nestingLevel": level}
        for level, hop in enumerate(hops, start=1)
    )
    entry["codeFlows"] = [{"threadFlows": [{"locations": flow}]}]


def sarif(result: ScanResult, stream: IO[str], lang: str) -> None:
    json.dump(document(result, lang), stream, ensure_ascii=False, indent=2, sort_keys=True)
    stream.write("\n")


FORMATS: dict[str, Callable[[ScanResult, IO[str], str], None]] = {"sarif": sarif}
