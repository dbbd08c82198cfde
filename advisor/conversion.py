"""What `advisor convert` changes and refuses, per file.

Kept out of `advisor.models` so that `advisor recommend` never builds these types: each
NamedTuple class costs import time, and startup is a product goal (benchmarks/startup.py).
"""

from __future__ import annotations

from typing import Any, NamedTuple

from advisor.models import DEFAULT_LANG, SCHEMA_VERSION, Text


class ConvertChange(NamedTuple):
    """One rewrite `advisor convert` makes, located in the original file."""

    path: str
    line: int
    #: The rule (ADV201 ... ADV205) and the `advisor explain` conversion pattern it implements.
    code: str
    pattern: str
    message: Text


#: Refusal reasons that leave nothing untouched: things the user should know (a call that stays
#: synchronous, a --prefer that changed nothing, a requires-python convert could not read). They
#: are shown as notes and never fail --check.
NOTE_REASONS = frozenset(
    {"not-mechanical", "prefer-unused", "requires-python-unread", "lock-kept", "event-kept"}
)


class ConvertRefusal(NamedTuple):
    """Something left untouched on purpose, with the reason (in every language)."""

    path: str
    line: int
    #: lock, daemon, thread-local, signal, never-joined, callback, would-not-compile, ...
    reason: str
    message: Text


class FileConversion(NamedTuple):
    """One input file: its text before and after (equal when nothing changes)."""

    path: str
    before: str
    after: str
    changes: tuple[ConvertChange, ...] = ()

    @property
    def changed(self) -> bool:
        return self.before != self.after


class ConversionResult(NamedTuple):
    """What `advisor.convert(paths)` returns: per-file conversions and the refusals."""

    files: tuple[FileConversion, ...]
    refusals: tuple[ConvertRefusal, ...]
    target_version: tuple[int, int]
    prefer: str | None = None

    @property
    def changed(self) -> tuple[FileConversion, ...]:
        return tuple(f for f in self.files if f.changed)

    @property
    def changes(self) -> tuple[ConvertChange, ...]:
        return tuple(c for f in self.files for c in f.changes)

    def to_dict(self, lang: str = DEFAULT_LANG) -> dict[str, Any]:
        """JSON-ready: every change with its rule and pattern, every refusal with its reason."""
        return {
            "schema_version": SCHEMA_VERSION,
            "target_version": f"{self.target_version[0]}.{self.target_version[1]}",
            "prefer": self.prefer,
            "files": [
                {
                    "path": f.path,
                    "changed": f.changed,
                    "changes": [
                        {
                            "line": c.line,
                            "code": c.code,
                            "pattern": c.pattern,
                            "message": c.message.get(lang),
                        }
                        for c in f.changes
                    ],
                }
                for f in self.files
            ],
            "refusals": [
                {"path": r.path, "line": r.line, "reason": r.reason, "message": r.message.get(lang)}
                for r in self.refusals
            ],
        }
