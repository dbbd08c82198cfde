"""ADV101: an ``importlib.import_module`` that cannot touch the disk.

The first import of a module reads and compiles files, on the loop when a coroutine asks for it
(a backend named in the settings, a plugin loaded on a chat command: reported). Every later
import of the same module is a dictionary lookup in ``sys.modules``. The table entry's
``unless: {loaded: [...]}`` asks `already_loaded` whether the code shows the module named is
certainly imported when the call runs. Decided from the one file, conservatively:

- the name is written in the code (a string, a module-level constant bound once to one, or an
  f-string or ``+`` joining such strings with ``__name__``/``__package__``; a relative name
  with ``package=__name__``/``__package__`` or a literal package), and that module is
  the calling module itself (its code is running) or one of its parent packages (importing
  a module imports them first), or is imported by an unconditional ``import``/``from ... import`` at the top level
  of this file (it ran before any function of the file could), or earlier in the calling
  function's own body, outside any branch;
- the call sits in the body of ``if name in sys.modules:`` testing the very argument;
- the name is a framework setting that names a module the framework itself imported at
  start-up (the entry's list: Django's ``settings.SESSION_ENGINE``, imported by
  ``SessionMiddleware`` when ``get_asgi_application()`` builds the middleware chain, and
  ``settings.SETTINGS_MODULE``, imported by reading any setting).

Home Assistant's own run-time detector of blocking calls on its loop draws the same line
(``homeassistant/block_async_io.py``: an ``import_module`` whose module is in ``sys.modules`` is
allowed). ``__import__`` is read with its own signature (absolute names only), ready for the
table; it is not in the table today, so it is never reported.

Not made quiet, on purpose: a name computed at run time from anything else (a setting of the
project's own, a user's entry point, a plugin's name: prefect's messaging broker, red's cogs,
deebot's ``f"deebot.commands_{name}"``), even when the package imports some module of that
family statically elsewhere; a module imported only inside a branch, a ``try``, another
function, or by another file of the package (that file's imports are its own facts: whether
they ran before this call needs the whole import graph).
"""

from __future__ import annotations

import ast
from collections.abc import Iterable

from advisor.lint.callees import tail
from advisor.lint.checks.base import FileContext
from advisor.lint.statements import walk

_SELF = ("__name__", "__package__")


def already_loaded(ctx: FileContext, node: ast.Call, settings: Iterable[str]) -> bool:
    """Whether the module *node* imports is certainly in ``sys.modules`` already (the module
    doc says when)."""
    if not node.args:
        return False
    name = node.args[0]
    if isinstance(name, (ast.Name, ast.Attribute)) and ctx.qualify(name) in set(settings):
        return True
    if _guarded(ctx, node, name):
        return True
    target = _module_of(ctx, node)
    if target is None and isinstance(name, ast.Name) and tail(node.func) != "__import__":
        # `for path in ["crawl4ai"]: import_module(path)`: each name the loop can give
        texts = _loop_texts(ctx, name)
        return texts is not None and bool(texts) and set(texts) <= _loaded(ctx, node)
    return target is not None and target in _loaded(ctx, node)


def _loop_texts(ctx: FileContext, name: ast.Name) -> list[str] | None:
    """The absolute module names a ``for`` variable takes when the calling function binds it
    only as the target of one loop over a list or tuple of strings the code writes (in place,
    or a local bound once to it): crawl4ai's ``module_paths = ["crawl4ai"]`` then ``for
    module_path in module_paths: importlib.import_module(module_path)``."""
    function = ctx.frame.node
    # `ast.walk`, not `helpers.own_nodes` (helpers imports this module): a nested function
    # binding the same name too only makes the answer None, the cautious one.
    nodes = list(walk(function))
    loops = [
        n
        for n in nodes
        if isinstance(n, ast.For) and isinstance(n.target, ast.Name) and n.target.id == name.id
    ]
    stores = [
        n
        for n in nodes
        if isinstance(n, ast.Name) and n.id == name.id and not isinstance(n.ctx, ast.Load)
    ]
    if len(loops) != 1 or len(stores) != 1:
        return None
    items: ast.expr = loops[0].iter
    if isinstance(items, ast.Name):
        values = ctx.resolver.assigned(items, ctx.scope)
        if not values or len(values) != 1:
            return None
        items = values[0]
    if not isinstance(items, (ast.List, ast.Tuple)) or not items.elts:
        return None
    texts = [_text(ctx, item) for item in items.elts]
    if any(t is None or not t or t.startswith(".") for t in texts):
        return None
    return [t for t in texts if t is not None]


def _module_of(ctx: FileContext, node: ast.Call) -> str | None:
    """The absolute module ``import_module(name, package)`` names, when the code writes it."""
    name = _text(ctx, node.args[0])
    if name is None or not name.strip("."):
        return None
    level = len(name) - len(name.lstrip("."))
    if not level:
        if tail(node.func) == "__import__":
            given = node.args[4] if len(node.args) > 4 else None
            given = next((k.value for k in node.keywords if k.arg == "level"), given)
            if given is not None and not (isinstance(given, ast.Constant) and given.value == 0):
                return None  # `__import__(name, globals(), None, (), 1)`: relative
        return name
    if tail(node.func) == "__import__":
        return None  # its second argument is a namespace, not the anchor package
    given = node.args[1] if len(node.args) > 1 else None
    given = next((k.value for k in node.keywords if k.arg == "package"), given)
    anchor = _text(ctx, given) if given is not None else None
    if not anchor:
        return None
    bits = anchor.split(".")
    if level - 1 >= len(bits):
        return None
    base = ".".join(bits[: len(bits) - (level - 1)])
    return f"{base}.{name[level:]}"


def _text(ctx: FileContext, expr: ast.expr, depth: int = 0) -> str | None:
    """The string *expr* always is: a literal, ``__name__``/``__package__`` of this module, an
    f-string or ``+`` of those, or a name bound once to one."""
    if isinstance(expr, ast.Constant):
        return expr.value if isinstance(expr.value, str) else None
    if isinstance(expr, ast.Name):
        if expr.id in _SELF:
            module = ctx.module
            if expr.id == "__package__" and not ctx.resolver.is_package:
                module = module.rpartition(".")[0]
            return module or None
        values = ctx.resolver.assigned(expr, ctx.scope)
        if depth < 2 and values and len(values) == 1:
            return _text(ctx, values[0], depth + 1)
        return None
    if isinstance(expr, ast.JoinedStr):
        parts = []
        for value in expr.values:
            if isinstance(value, ast.FormattedValue):
                if value.format_spec is not None or value.conversion not in (-1, 115):
                    return None
                part = _text(ctx, value.value, depth + 1)
            else:
                part = _text(ctx, value, depth + 1)
            if part is None:
                return None
            parts.append(part)
        return "".join(parts)
    if isinstance(expr, ast.BinOp) and isinstance(expr.op, ast.Add):
        left = _text(ctx, expr.left, depth + 1)
        right = _text(ctx, expr.right, depth + 1) if left is not None else None
        return None if right is None or left is None else left + right
    return None


def _loaded(ctx: FileContext, node: ast.Call) -> set[str]:
    """The modules certainly imported when *node* runs: this module and its parents, the
    unconditional imports at the file's top level, and those earlier in the calling function's
    own body outside any branch (each import loads the parents of what it names)."""
    key = ("loaded_modules",)
    top: set[str] | None = ctx.memo.get(key)
    if top is None:
        top = {*_parents(ctx.module), ctx.module}  # its own code is running: it is loaded
        top.update(_imports(ctx, ctx.tree.body))
        ctx.memo[key] = top
    function = ctx.frame.node
    if not isinstance(function, (ast.FunctionDef, ast.AsyncFunctionDef)):
        return top
    before = [s for s in function.body if (s.end_lineno or s.lineno) < node.lineno]
    return top | _imports(ctx, before)


def _imports(ctx: FileContext, statements: Iterable[ast.stmt]) -> set[str]:
    from advisor.lint.imports import relative_module

    found: set[str] = set()
    for stmt in statements:
        if isinstance(stmt, ast.Import):
            for alias in stmt.names:
                found.update(_parents(alias.name))
                found.add(alias.name)
        elif isinstance(stmt, ast.ImportFrom):
            base = relative_module(ctx.module, ctx.resolver.is_package, stmt.level, stmt.module)
            if base is None:
                continue
            found.update(_parents(base))
            found.add(base)
            # `from pkg import sub` imports the submodule `pkg.sub` when it is one
            found.update(f"{base}.{alias.name}" for alias in stmt.names if alias.name != "*")
    return found


def _parents(module: str) -> list[str]:
    """``a.b.c`` -> ``a``, ``a.b`` (its packages, imported before it)."""
    parts = module.split(".")
    return [".".join(parts[:i]) for i in range(1, len(parts))]


def _guarded(ctx: FileContext, node: ast.Call, name: ast.expr) -> bool:
    """``if name in sys.modules: ... import_module(name)``: the body runs only when the very
    module is loaded."""
    shown = ast.dump(name)
    return any(
        test == shown and first <= node.lineno <= last
        for test, first, last in _guards(ctx, ctx.frame.node)
    )


def guarded_argument(ctx: FileContext, call: ast.Call) -> str | None:
    """For a call in a coroutine under ``if name in sys.modules:``, where it hands ``name`` on
    (Home Assistant's ``return _get_module(cache, name)``): the argument's place, its position
    (``"1"``) or keyword, to match the helper's parameter (`parameter_of`); else None."""
    guards = [t for t, first, last in _guards(ctx, ctx.frame.node) if first <= call.lineno <= last]
    if not guards:
        return None
    for index, arg in enumerate(call.args):
        if isinstance(arg, ast.Starred):
            return None
        if ast.dump(arg) in guards:
            return str(index)
    return next((k.arg for k in call.keywords if k.arg and ast.dump(k.value) in guards), None)


def parameter_of(ctx: FileContext, node: ast.Call) -> list[str]:
    """For an import in a plain `def` whose name is one of the function's parameters: the
    parameter's position among the caller's arguments (``self`` of a method not counted) and
    its name, which a guarded caller may hand on (`guarded_argument`); else empty."""
    function = ctx.frame.node
    if not (node.args and isinstance(node.args[0], ast.Name)) or not isinstance(
        function, (ast.FunctionDef, ast.AsyncFunctionDef)
    ):
        return []
    name = node.args[0].id
    positional = [a.arg for a in (*function.args.posonlyargs, *function.args.args)]
    if ctx.frame.self_name and positional and positional[0] == ctx.frame.self_name:
        positional = positional[1:]
    if name in positional:
        return [str(positional.index(name)), name]
    if name in (a.arg for a in function.args.kwonlyargs):
        return ["", name]
    return []


def _guards(ctx: FileContext, function: ast.AST) -> list[tuple[str, int, int]]:
    """The ``if X in sys.modules:`` bodies of *function* (its own, not nested functions'):
    the tested expression, shown, and the body's first and last lines."""
    key = ("sys_modules_guards", id(function))
    found: list[tuple[str, int, int]] | None = ctx.memo.get(key)
    if found is None:
        found = []
        if not _imports_sys(ctx):
            ctx.memo[key] = found  # most files: no walk of every coroutine with calls
            return found
        for stmt in _own_ifs(function):
            if not isinstance(stmt, ast.If) or not stmt.body:
                continue
            test = stmt.test
            if (
                isinstance(test, ast.Compare)
                and len(test.ops) == 1
                and isinstance(test.ops[0], ast.In)
                and ctx.qualify(test.comparators[0]) == "sys.modules"
            ):
                last = stmt.body[-1].end_lineno or stmt.body[-1].lineno
                found.append((ast.dump(test.left), stmt.body[0].lineno, last))
        ctx.memo[key] = found
    return found


def _imports_sys(ctx: FileContext) -> bool:
    """Whether the module imports ``sys`` (or a name from it) at its top: only then can a
    function test ``sys.modules``."""
    key = ("imports_sys",)
    known: bool | None = ctx.memo.get(key)
    if known is None:
        known = any(
            b.kind == "import" and (b.target == "sys" or b.target.startswith("sys."))
            for b in ctx.resolver.bindings(ctx.resolver.module_scope).values()
        )
        ctx.memo[key] = known
    return known


def _own_ifs(function: ast.AST) -> list[ast.If]:
    """The ``if`` statements of *function*'s own body, not of functions or classes nested in
    it. Walked here: `harmless` imports this module (`harmless.unless_applies`), so this one
    does not import `helpers.own_nodes`."""
    found: list[ast.If] = []
    stack: list[ast.AST] = list(getattr(function, "body", []))
    while stack:
        node = stack.pop()
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Lambda)):
            continue
        if isinstance(node, ast.If):
            found.append(node)
        stack.extend(
            n
            for n in ast.iter_child_nodes(node)
            if isinstance(n, (ast.stmt, ast.excepthandler, ast.match_case))
        )
    return found
