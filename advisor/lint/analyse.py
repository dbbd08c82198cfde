"""One file through the linter: decode, parse, one shared walk, noqa, character columns.

Two callers: the runner's workers (`analyse`, bytes in, a plain per-file result out, cached as
JSON) and code that already holds the text in memory (`check_text`: convert checks its own
output with the linter's real checks before it returns it, so the two can never disagree).
"""

from __future__ import annotations

import ast
import io
import os
import re
import tokenize
from collections.abc import Iterable, Mapping
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from advisor.findings import Finding
from advisor.lint import clients
from advisor.lint._data import detail as skip_detail
from advisor.lint.callees import tail
from advisor.lint.noqa import is_suppressed, may_suppress, suppressed_codes

if TYPE_CHECKING:
    from advisor.lint.checks.base import FileContext


def prepared(data: dict[str, Any]) -> dict[str, Any]:
    """The bundle plus derived lookup sets the checks use on every call node. The blocking
    table's lookups also answer for the synchronous client libraries (`clients`), so every
    reader of it sees their waits; their names join the table's last names."""
    ready = dict(data)
    listed = data["blocking"].get("clients") or {}
    blocking = dict(data["blocking"])
    blocking["calls"] = clients.BlockingTable(data["blocking"]["calls"], listed)
    ready["blocking"] = blocking
    ready["_tails"] = {
        "blocking": frozenset(name.rpartition(".")[2] for name in data["blocking"]["calls"])
        | clients.wait_names(listed),
        # `transformers.pipeline()`: the object a call made runs when it is called itself
        "callables": frozenset(
            name[:-2].rpartition(".")[2]
            for name in data["blocking"]["calls"]
            if name.endswith("()")
        ),
    }
    return ready


def analyse(  # noqa: PLR0917 - the worker's entry point; positional for speed and pickling
    source: bytes,
    path: str,
    module: str,
    is_package: bool,
    data: dict[str, Any],
    codes: frozenset[str] | None = None,
) -> dict[str, Any]:
    """Per-file result: ``{"f": findings, "c": candidates, "facts": ...}`` or ``{"skip": ...}``.

    Never raises: whatever goes wrong becomes a skip reason, because one odd file must not stop
    a scan of ten thousand.
    """
    read = _tree(source, path)
    if isinstance(read, list):
        return {"skip": read}
    tree, text = read
    try:
        return findings_of(tree, text, path, module, is_package, data, codes)
    except RecursionError:
        return {"skip": ["too_deep", ""]}
    except Exception as exc:  # noqa: BLE001 - reported as a skipped file, never a crash
        return {"skip": ["internal", f"{type(exc).__name__}: {exc}"]}


def unparsable(source: bytes, path: str) -> list[str] | None:
    """The skip reason of a file that cannot be read as Python (a syntax error, bad bytes),
    None when it parses. For a file named on the command line where no rule's words occur:
    it cannot produce a finding, but its syntax error is said as for any other file."""
    read = _tree(source, path)
    return read if isinstance(read, list) else None


def _tree(source: bytes, path: str) -> tuple[ast.Module, str] | list[str]:
    """*source* decoded and parsed, or the skip reason (``[key, detail]``) of why not."""
    unreadable = not_text(source)
    if unreadable is not None:
        return unreadable
    try:
        encoding, _ = tokenize.detect_encoding(io.BytesIO(source).readline)
        text = source.decode(encoding)
    except (SyntaxError, LookupError) as exc:
        return ["encoding", str(exc)]
    except UnicodeDecodeError as exc:
        return ["encoding", skip_detail("detail_bad_bytes", exc.encoding, exc.start)]
    try:
        tree = parse(text, path)
    except SyntaxError as exc:
        from advisor.lint import jinja

        if not jinja.has_tags(text):
            return [
                "syntax_error",
                skip_detail("detail_line", exc.lineno, exc.msg, exc.offset or ""),
            ]
        # A project template's file: checked with its tags blanked (`jinja`); the pipeline
        # decides whether a file that still does not parse is a template.
        text = jinja.blank(text)
        try:
            tree = parse(text, path)
        except SyntaxError as again:
            return ["template", skip_detail("detail_line", again.lineno, again.msg)]
        except (RecursionError, MemoryError):
            return ["too_deep", ""]
    except ValueError:
        return ["binary", ""]
    except (RecursionError, MemoryError):
        return ["too_deep", ""]
    return tree, text


#: Byte-order marks of UTF-16 and UTF-32 (UTF-32-LE's begins with UTF-16-LE's).
_WIDE_BOMS = (b"\xff\xfe", b"\xfe\xff", b"\x00\x00\xfe\xff")


def not_text(source: bytes) -> list[str] | None:
    """The skip reason of bytes that cannot be Python source, decided before anything else;
    None for text. Also applied to files where no rule's words occur, which are never parsed:
    a UTF-16 file (what PowerShell's ``>`` writes) spells ``async`` with NUL bytes between the
    letters, so no word ever matched and it passed as checked (newcomer re-check)."""
    head = source[:8192]
    if head.startswith(_WIDE_BOMS):
        return [
            "wide_text",
            "UTF-32" if head[:4] in (b"\xff\xfe\x00\x00", _WIDE_BOMS[2]) else "UTF-16",
        ]
    if b"\0" in head:
        return ["binary", ""]
    return None


def parse(text: str, path: str) -> ast.Module:
    """*text* as an ``ast`` tree; syntax newer than the running Python is read through
    `newer` (libcst), so a file in 3.12+ syntax is checked on 3.11 rather than skipped. Raises
    the running Python's SyntaxError when the text is not valid Python of any version."""
    try:
        return ast.parse(text, filename=path)
    except SyntaxError:
        from advisor.lint.newer import parse_newer

        tree = parse_newer(text, path)
        if tree is None:
            raise
        return tree


@lru_cache(maxsize=1)
def _ready() -> dict[str, Any]:
    from advisor.lint._data import bundle

    return prepared(bundle())


def check_text(
    path: str,
    text: str,
    select: Iterable[str] = ("ADV101", "ADV102"),
    extra_coroutines: Iterable[str] = (),
) -> list[Finding]:
    """The findings of the *select* rules in *text*, as `advisor scan` would report them for a
    file at *path* (noqa comments honoured), sorted by line and column.

    ADV102 is settled at once: the coroutine functions are those *text* defines, asyncio's own,
    and *extra_coroutines* (qualified names, such as ``worker.fetch``, of coroutine functions
    other files define). Raises SyntaxError (or ValueError for a NUL byte) when *text* is not
    Python, because a caller holding text in memory wants to know, not a skip reason.
    """
    from advisor.lint.checks.await_missing_across import resolve
    from advisor.lint.index import Modules

    codes = frozenset(select)
    data = _ready()
    module, is_package = Modules().name(os.path.abspath(path))
    tree = parse(text, path)
    result = findings_of(tree, text, path, module, is_package, data, codes)
    raw = list(result["f"])
    if "ADV102" in codes:
        coroutines = [*data["calls"]["asyncio_coroutines"], *extra_coroutines]
        raw.extend(finding for _, finding in resolve([(path, result)], coroutines))
    if "ADV110" in codes:
        from advisor.lint.checks.await_plain import resolve as plain

        raw.extend(finding for _, finding in plain([(path, result)]))
    found = {
        Finding(path, line, col, code, tuple(sorted(params.items())), path)
        for line, col, code, params, *_related in raw
        if code in codes
    }
    return sorted(found, key=lambda f: (f.line, f.col, f.code, f.params))


_LINE_BREAK = re.compile(r"\r\n|\r|\n")


def _char_column(lines: list[str], line: int, col: int) -> int:
    """``ast`` columns count UTF-8 bytes; editors, ruff and SARIF count characters. Convert the
    1-based byte column to a 1-based character column (ASCII lines are unchanged)."""
    if not 0 < line <= len(lines):
        return col
    text = lines[line - 1]
    if text.isascii():
        return col
    return len(text.encode("utf-8")[: col - 1].decode("utf-8", "replace")) + 1


def findings_of(  # noqa: PLR0917 - internal, positional like `analyse`
    tree: ast.Module,
    text: str,
    path: str,
    module: str,
    is_package: bool,
    data: dict[str, Any],
    codes: frozenset[str] | None,
) -> dict[str, Any]:
    """Walk *tree* once with the families that report *codes* (every family for None); the
    per-file result with suppressed findings dropped and columns counted in characters."""
    from advisor.lint.checks import FileContext

    ctx = FileContext(path, module, is_package, tree, text)
    try:
        return _result(ctx, text, is_package, data, codes)
    finally:
        ctx.release()  # the tree goes now, not at the next full collection


def _result(
    ctx: FileContext,
    text: str,
    is_package: bool,
    data: dict[str, Any],
    codes: frozenset[str] | None,
) -> dict[str, Any]:
    """`findings_of`'s walk and what it keeps: the findings, candidates and facts of *ctx*."""
    from advisor.lint.checks import (
        REGISTRY,
        confined,
        pickled_across,
        processes_across,
        reach_properties,
        walk,
    )

    module = ctx.module
    families = [f for f in REGISTRY if codes is None or codes.intersection(f.codes)]
    walk(ctx, [family(ctx, data) for family in families])
    findings, candidates = ctx.findings, ctx.candidates
    reach = ctx.memo.get("reach")
    cpu = ctx.memo.get("cpu")  # checks.threads: ADV107 one module away
    if cpu:
        reach = {**(reach or {}), **cpu}
    calls = reach.get("c", []) if reach else []
    waiting = reach.get("w", []) if reach else []
    overridable = ctx.memo.get("overridable", [])  # checks.await_plain: ADV110 on self.m()
    # checks.await_plain_overrides: a plain method that may override an awaited coroutine
    plain = ctx.memo.get("plain_overrides", [])
    # checks.await_registered: a plain def handed to a name that may await what it registers
    registered = ctx.memo.get("registered", [])
    if (findings or candidates or calls or waiting or overridable or plain or registered) and (
        not text.isascii() or may_suppress(text)
    ):
        # (An ASCII file with no suppression comment anywhere keeps every item and column as
        # they are: its lines are not even split.)
        # Python numbers lines by \n, \r\n and \r only; str.splitlines also breaks at form
        # feeds and other separators, which would shift every later line's suppression comment.
        lines = _LINE_BREAK.split(text)
        memo: dict[int, frozenset[str]] = {}

        def silenced(line: int) -> frozenset[str]:
            if line not in memo:
                memo[line] = (
                    suppressed_codes(lines[line - 1]) if 0 < line <= len(lines) else frozenset()
                )
            return memo[line]

        # Branches that never run were not walked (`checks.base.dead_branches`).
        findings = [f for f in findings if not is_suppressed(f[2], silenced(f[0]))]
        candidates = [c for c in candidates if not is_suppressed("ADV102", silenced(c[0]))]
        calls = [c for c in calls if not is_suppressed("ADV101", silenced(c[0]))]
        waiting = [w for w in waiting if not is_suppressed("ADV107", silenced(w[0]))]
        overridable = [o for o in overridable if not is_suppressed("ADV110", silenced(o[0]))]
        plain = [o for o in plain if not is_suppressed("ADV110", silenced(o[0]))]
        registered = [o for o in registered if not is_suppressed("ADV110", silenced(o[0]))]
        for item in (*findings, *candidates, *calls, *waiting, *overridable, *plain, *registered):
            item[1] = _char_column(lines, item[0], item[1])
    result: dict[str, Any] = {"f": findings}
    result.update(processes_across.facts(ctx, text))  # ADV108 one file away (`ps`, `pw`)
    result.update(pickled_across.facts(ctx, text))  # ADV111 one file away (`pk`, `pc`)
    result.update(reach_properties.facts(ctx))  # a property one module away (`pp`, `pr`)
    if candidates:
        result["c"] = candidates
    if overridable:
        # ADV110 on ``await self.m()``: reported after the scan unless a subclass in any file
        # overrides m with a coroutine (`checks.await_plain.resolve`)
        result["ov"] = overridable
    if plain:
        result["po"] = plain  # ADV110 where a base of any file awaits the method it overrides
    if registered:
        result["rk"] = registered  # ADV110 where a registrar of any file awaits what it takes
    if reach:
        if calls:
            reach["c"] = calls
        else:
            reach.pop("c", None)
        if waiting:
            reach["w"] = waiting
        else:
            reach.pop("w", None)
        result["r"] = reach  # checks.reach: what a coroutine calls, what a plain def blocks on
    graph = ctx.memo.get("graph")
    deferred = ctx.memo.get("deferred")
    if deferred:
        graph = {**(graph or {}), "s": deferred}
    commands = ctx.memo.get("commands")
    if commands:
        graph = {**(graph or {}), "cm": commands}  # checks.commands: commands registered here
    hooks = ctx.memo.get("hooks")
    if hooks:
        graph = {**(graph or {}), "sh": hooks}  # checks.hooks: start-up hooks registered here
    points = ctx.memo.get("points")
    if points:
        graph = {**(graph or {}), "pt": points}  # checks.sequential: the point verdict's facts
    if graph:
        result["g"] = graph  # checks.once: who calls what, the loops that serve, deferred ADV101
    facts = ctx.facts
    kept = confined.facts(ctx)  # every parsed file: where its classes' instances go
    if kept:
        facts["cf"] = kept
    # A module of plain classes only keeps their short names (`class_names`): a parameter is
    # typed by its name only when one class of the whole scan has it (`await_missing`), and
    # redis's sync `Connection` beside its asyncio twin makes `connection` two.
    if (
        facts["coros"]
        or facts["classes"]
        or facts.get("tasks")
        or facts.get("returns")
        or facts.get("class_names")
        or facts.get("cf")
    ):
        result["facts"] = facts
    bindings = ctx.resolver.bindings(ctx.resolver.module_scope)
    reexports = (
        {f"{module}.{name}": b.target for name, b in bindings.items() if b.kind == "import"}
        if is_package
        else {}
    )
    reexports.update(_annotated_aliases(ctx, module, bindings))
    if reexports:
        result.setdefault("facts", {"coros": [], "classes": {}})["aliases"] = reexports
    return result


def _annotated_aliases(ctx: Any, module: str, bindings: Mapping[str, Any]) -> dict[str, str]:
    """``Dep = Annotated[QueryController, Depends(...)]`` at module level (FastAPI's way to
    share a dependency): ``module.Dep`` stands for the class when another module annotates a
    parameter with it, so it is kept beside the package re-exports (taskdog#962)."""
    found: dict[str, str] = {}
    for name, binding in bindings.items():
        node = binding.node
        if binding.kind != "value" or not isinstance(node, ast.Subscript):
            continue
        if tail(node.value) != "Annotated" or not isinstance(node.slice, ast.Tuple):
            continue
        first = node.slice.elts[0] if node.slice.elts else None
        if isinstance(first, (ast.Name, ast.Attribute)):
            qualified = ctx.resolver.qualify(first, ctx.resolver.module_scope)
            if qualified and "(" not in qualified:
                found[f"{module}.{name}"] = qualified
    return found
