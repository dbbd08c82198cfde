"""SARIF 2.1.0, as GitHub code scanning reads it.

Each rule carries its metadata (name, short and full description, help text and a help URI) so
the code-scanning UI can explain an alert; each result points at a file relative to the scan
root (``%SRCROOT%``, which GitHub maps to the repository) with ``startLine``/``startColumn``.
Skipped files become tool notifications, so nothing is silently dropped.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import IO, TYPE_CHECKING, Any

if TYPE_CHECKING:
    from advisor.findings import ScanResult

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
HELP_URI = "https://example.invalid/advisor/rules/{code}"


def _level(severity: str) -> str:
    return "error" if severity == "error" else "warning"


def _code(value: Any, lang: str) -> str:
    if isinstance(value, dict):
        return str(value.get(lang) or value["en"])
    return str(value)


def _uri(path: str) -> str:
    """Percent-encode a path into a URI reference: SARIF readers decode ``uri``, so a space or a
    ``%`` in a file name would otherwise point GitHub at a file that does not exist."""
    from urllib.parse import quote

    return quote(path.replace("\\", "/"), safe="/:")


def document(result: ScanResult, lang: str) -> dict[str, Any]:
    from advisor._version import __version__
    from advisor.lint.rules import all_rules

    rules = []
    index: dict[str, int] = {}
    for position, (code, rule) in enumerate(sorted(all_rules().items())):
        index[code] = position
        what = rule.doc["what"].get(lang) or rule.doc["what"]["en"]
        why = rule.doc["why"].get(lang) or rule.doc["why"]["en"]
        example, instead = (_code(rule.doc[p], lang) for p in ("example", "instead"))
        help_text = f"{what}\n\n{why}\n\nExample:\n{example}\nUse instead:\n{instead}"
        rules.append(
            {
                "id": code,
                "name": rule.name,
                "shortDescription": {"text": rule.name.replace("-", " ")},
                "fullDescription": {"text": what},
                "help": {
                    "text": help_text,
                    "markdown": f"{what}\n\n{why}\n\n**Example**\n```python\n{example}```\n"
                    f"**Use instead**\n```python\n{instead}```",
                },
                "helpUri": HELP_URI.format(code=code),
                "defaultConfiguration": {"level": _level(rule.severity)},
                "properties": {"tags": ["concurrency", "asyncio"]},
            }
        )
    results = [
        {
            "ruleId": f.code,
            "ruleIndex": index[f.code],
            "level": _level(f.severity),
            "message": {"text": f.message(lang)},
            "locations": [
                {
                    "physicalLocation": {
                        "artifactLocation": {"uri": _uri(f.relpath), "uriBaseId": "%SRCROOT%"},
                        "region": {"startLine": f.line, "startColumn": f.col},
                    }
                }
            ],
        }
        for f in result.findings
    ]
    from advisor.texts import ui

    texts = ui(lang)
    notifications = [
        {
            "level": "note",
            "message": {"text": texts("scan_skipped", path=s.path, reason=s.reason(lang))},
        }
        for s in result.skipped
    ]
    root_uri = "file://" + _uri(result.root.replace("\\", "/").rstrip("/") + "/")
    return {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "advisor",
                        "version": __version__,
                        "informationUri": "https://example.invalid/advisor",
                        "rules": rules,
                    }
                },
                "originalUriBaseIds": {"%SRCROOT%": {"uri": root_uri}},
                "results": results,
                "invocations": [
                    {"executionSuccessful": True, "toolExecutionNotifications": notifications}
                ],
            }
        ],
    }


def sarif(result: ScanResult, stream: IO[str], lang: str) -> None:
    json.dump(document(result, lang), stream, ensure_ascii=False, indent=2, sort_keys=True)
    stream.write("\n")


FORMATS: dict[str, Callable[[ScanResult, IO[str], str], None]] = {"sarif": sarif}
