"""Where a node of the main-path walk stands: its unit, and whether it is in a mode.

The unit is the function the walk is in, or the main guard's body at module level (`_unit`); a
mode is a branch of a function that is another command than what the program does (`_modes`),
or one run only when an option is on. Every recording handler (`reach_tables`, `reach_modules`,
`reach_defs`, `reach_calls`) asks this of the node it records, so it lives apart from them.
"""

from __future__ import annotations

import ast

from advisor.evidence.units import MAIN_GUARD, MODE_OPT_IN, MODULE, OPT_IN, cell_line, names
from advisor.evidence.walk import Reader


def _in_mode(r: Reader, node: ast.AST) -> bool | str:
    """True when *node* is inside a mode of its function (`units.Graph.modes`), `OPT_IN`
    inside a branch run only when an option is on (`units.Graph.opt_in`), else False."""
    line = getattr(node, "lineno", 0)
    unit = (r.source.path, _unit(r, node))
    mode = any(start <= line <= end for start, end in r.g.graph.modes.get(unit, ()))
    if any(start <= line <= end for start, end in r.g.graph.opt_in.get(unit, ())):
        return MODE_OPT_IN if mode else OPT_IN
    return mode


def _modes(body: list[ast.stmt]) -> list[tuple[int, int]]:
    """The modes of a function's body: an ``if`` with no ``else`` that ends by leaving the
    function (``return``, ``sys.exit()``, ``raise SystemExit``) while the function goes on to
    do its own work after it (a call). ``if args.operation == "web": web(...); return``
    before the downloads: the web UI is another command, not what the program does.

    And each branch of an ``if``/``elif`` chain but its ``else`` (glances' standalone, client,
    server or web server): one mode among several is not what the program is; the ``else``,
    which runs when no mode is asked for, is. Not when that ``else`` only reports
    (``print_help()``) and not after ``if``s that return when what follows them only reports
    (`_works`): there the branches are the program's commands, or its work for each kind of
    input, and together they are what it does.

    Also inside a ``try`` or ``with`` block of the body (``try: if args.web: ... except
    KeyboardInterrupt: ...``): the block is still the body's own flow."""
    spans: list[tuple[int, int]] = []
    for stmt in body:
        if isinstance(stmt, (ast.Try, ast.With)):
            spans += _modes(stmt.body)
    for stmt in body:
        if (
            isinstance(stmt, ast.If)
            and len(stmt.orelse) == 1
            and isinstance(stmt.orelse[0], ast.If)
        ):
            chain: list[tuple[int, int]] = []
            branch: ast.If | None = stmt
            rest: list[ast.stmt] = []
            while branch is not None:
                chain.append((branch.body[0].lineno, branch.body[-1].end_lineno or branch.lineno))
                rest = branch.orelse
                branch = rest[0] if len(rest) == 1 and isinstance(rest[0], ast.If) else None
            # An `else` that only reports (`parser.print_help()`) is no program of its own:
            # the branches are the program's commands (xandikos' serve, create-collection,
            # import-imip), not modes beside what it does when none is asked for.
            if not rest or any(_works(n) for other in rest for n in ast.walk(other)):
                spans += chain
    leaving = [
        (index, stmt)
        for index, stmt in enumerate(body)
        if isinstance(stmt, ast.If) and not stmt.orelse and _leaves(stmt.body[-1])
    ]
    # What runs when no such `if` returned: when it only reports (`print_error("not a valid
    # ID")`), the function has no work of its own, and each `if` handles one kind of input.
    tail = body[leaving[-1][0] + 1 :] if leaving else []
    if not any(_works(n) for later in tail for n in ast.walk(later)):
        return spans
    for index, stmt in leaving:
        after = body[index + 1 :]
        if any(isinstance(n, ast.Call) for later in after for n in ast.walk(later)):
            spans.append((stmt.body[0].lineno, stmt.body[-1].end_lineno or stmt.lineno))
    last = _last_of_chain(body, leaving)
    if last is not None:
        spans.append((last.body[0].lineno, last.body[-1].end_lineno or last.lineno))
    return spans


def _last_of_chain(body: list[ast.stmt], leaving: list[tuple[int, ast.If]]) -> ast.If | None:
    """The last branch of a chain of modes written as ``if``s that return (borgmatic's
    highlander actions: ``if 'bootstrap' in arguments: ...; return`` ... ``if 'show' in
    arguments: ...; return``, then ``if 'browse' in arguments: run_browse(...)`` as the
    block's last statement): it has nothing after it to return before, yet it is one more
    branch of the same dispatch on the same subject, as an ``elif`` would be, so one mode
    among several (issue 19, cause 2: an optional console UI outvoted the backups)."""
    if not leaving or len(body) < 2 or not isinstance(body[-1], ast.If) or body[-1].orelse:
        return None
    last, previous = body[-1], body[-2]
    subject = _subject(last.test)
    if subject is None or leaving[-1][1] is not previous or _subject(previous.test) != subject:
        return None
    return last


def _subject(test: ast.expr) -> str | None:
    """What an ``if`` dispatches on when its test names one command: ``'show' in
    arguments`` or ``args.action == "show"`` -> the dumped name compared with the string."""
    if not (isinstance(test, ast.Compare) and len(test.ops) == 1):
        return None
    left, right = test.left, test.comparators[0]
    if isinstance(test.ops[0], ast.In):
        word, other = left, right
    elif isinstance(test.ops[0], ast.Eq):
        word, other = right, left
    else:
        return None
    if not (isinstance(word, ast.Constant) and isinstance(word.value, str)):
        return None
    return ast.dump(other) if isinstance(other, (ast.Name, ast.Attribute)) else None


def _works(node: ast.AST) -> bool:
    """Whether *node* is a call that does work, not one that only tells the user something
    (`data/mainpath.yaml` ``report_calls``: ``print_error(...)``, ``logger.warning(...)``)."""
    if not isinstance(node, ast.Call):
        return False
    func = node.func
    name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
    first = name.lstrip("_").split("_", 1)[0].lower()
    return first not in names()["report_calls"]


def _leaves(stmt: ast.stmt) -> bool:
    if isinstance(stmt, ast.Return):
        return True
    if isinstance(stmt, ast.Raise):
        exc = stmt.exc.func if isinstance(stmt.exc, ast.Call) else stmt.exc
        return isinstance(exc, ast.Name) and exc.id == "SystemExit"
    if isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.Call):
        func = stmt.value.func
        name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
        return name in {"exit", "_exit"}
    return False


def _unit(r: Reader, node: ast.AST) -> str:
    """The unit *node* is in: the walk's, or the main guard's body at module level."""
    if r.unit != MODULE:
        return r.unit
    line = cell_line(getattr(node, "lineno", 0), r.source.cell)
    for start, end in r.g.graph.guards.get(r.source.path, ()):
        if start <= line <= end:
            return MAIN_GUARD
    return MODULE
