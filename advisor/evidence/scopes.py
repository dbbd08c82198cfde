"""Name resolution for inference: the linter's resolver, filled by inference's own rules.

What a name in user code refers to, without running it. The scopes, the builtins and the way an
import statement binds names are the linter's (`advisor.lint.bindings`: `Scope`, `lookup`;
`advisor.lint.imports.imported`), so the two never disagree on what ``import numpy as np`` means. What inference adds
is lenient where the linter is strict, because a hint read from a whole project tolerates what a
finding on one line cannot: an import anywhere in a file (or any cell of a notebook) counts for
the whole file; a function's own parameters and assignments shadow it; and a local's class is
known where the code says it (``session: requests.Session``, ``client = httpx.AsyncClient()``).
A bare name that is neither imported nor a builtin resolves to nothing, so a list called
``requests`` is not the library.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator, Mapping
from typing import NamedTuple, TypeGuard

from advisor.evidence.tables import tables
from advisor.lint.bindings import BUILTINS, LOCAL, Binding, Scope
from advisor.lint.imports import imported
from advisor.lint.names import Resolver

Function = ast.FunctionDef | ast.AsyncFunctionDef
SCOPES = (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef)
#: A binding only inference makes: a name holding an instance of the class in ``target``.
INSTANCE = "instance"
#: In `Module.attributes`: an instance of a class this module defines (``local:State``).
LOCAL_CLASS = "local:"


class Module:
    """What one file (or one notebook, across its cells) binds at module level.

    The three kinds of binding are kept apart because a later cell may add to any of them and
    they rank: an import beats an instance, an instance beats a definition. `scope` holds the
    winner per name, in the linter's `Scope`, and `resolver` looks names up in it.
    """

    def __init__(self) -> None:
        self.aliases: dict[str, str] = {}
        self.defined: set[str] = set()
        self.containers: set[str] = set()
        self.locks: set[str] = set()
        self.constants: dict[str, int] = {}
        #: Names the module level binds to None (``SETTINGS = None``): filled lazily later.
        self.nones: set[str] = set()
        #: Modules star-imported (``from peewee import *``): where an unbound name may be from.
        self.stars: list[str] = []
        #: Command-line options' integer defaults (argparse ``add_argument``, click
        #: ``option``), by destination: ``args.workers`` and a click parameter ``workers``.
        self.options: dict[str, int] = {}
        #: Options that are off unless given: a flag (``action="store_true"``, click's
        #: ``is_flag=True``) or an option with no default, by destination (``args.htpasswd``).
        self.off_options: set[str] = set()
        #: Options whose default is a name imported from another module (trafilatura's
        #: ``default=PARALLEL_CORES``), by destination: that name's qualified name (the bare
        #: name when a relative import binds it), resolved
        #: once every file is read (`advisor.evidence.option_bounds`).
        self.option_names: dict[str, str] = {}
        #: Module-level names bound to an instance: ``session = requests.Session()``.
        self.types: dict[str, str] = {}
        #: Per class of the module: what its attributes hold where the code says
        #: (``client: ollama.Client`` in its body, ``self.db = Database()`` in a method), a
        #: qualified name or `LOCAL_CLASS` + a class of this module; and its bases here.
        self.attributes: dict[str, dict[str, str]] = {}
        self.bases: dict[str, list[str]] = {}
        #: Per class of the module: the flags its body declares off (``skip_gitignore: bool =
        #: False``, a dataclass field): ``if self.skip_gitignore:`` runs only when asked.
        self.flags_off: dict[str, set[str]] = {}
        # No tree is kept: a Module lives as long as the whole run, and holding every parsed
        # file would make each garbage collection walk them all (measured: 15-20% of a run).
        self.resolver = Resolver("", False, ast.Module(body=[], type_ignores=[]))
        self.scope = self.resolver.module_scope
        self.scope.bindings = {}  # filled here, never collected by the linter's rules

    def alias(self, name: str, target: str) -> None:
        self.aliases[name] = target
        self._rank(name)

    def through(self, cls: str, chain: list[str]) -> str | None:
        """What ``self.a.b.m`` calls in a method of *cls* (*chain* ``[a, b, m]``): each
        attribute's class where the code says it, through this module's classes, until a
        library's class (``self.state.client.chat`` -> ``ollama.Client.chat``, aitelegrambot,
        issue 19); None when a link is unknown or the chain never leaves the project."""
        owner = cls
        for index, attribute in enumerate(chain[:-1]):
            held = self._attribute(owner, attribute)
            if held is None:
                return None
            if not held.startswith(LOCAL_CLASS):
                return ".".join((held, *chain[index + 1 :]))
            owner = held[len(LOCAL_CLASS) :]
        return None

    def _attribute(self, cls: str, attribute: str, depth: int = 0) -> str | None:
        """*attribute*'s class in *cls* or, failing that, in its bases in this module."""
        held = self.attributes.get(cls, {}).get(attribute)
        if held is not None or depth > 8:
            return held
        for base in self.bases.get(cls, ()):
            held = self._attribute(base, attribute, depth + 1)
            if held is not None:
                return held
        return None

    def flag_off(self, cls: str, attribute: str, depth: int = 0) -> bool:
        """Whether *cls* (or a base of it in this module) declares *attribute* ``False``."""
        if attribute in self.flags_off.get(cls, ()):
            return True
        return depth < 8 and any(
            self.flag_off(base, attribute, depth + 1) for base in self.bases.get(cls, ())
        )

    def define(self, name: str) -> None:
        self.defined.add(name)
        self.aliases.pop(name, None)
        self._rank(name)

    def instance(self, names: list[str], cls: str) -> None:
        for name in names:
            self.types[name] = cls
            self._rank(name)

    def _rank(self, name: str) -> None:
        table = self.scope.bindings
        assert table is not None
        if name in self.aliases:
            table[name] = Binding("import", self.aliases[name])
        elif name in self.types:
            table[name] = Binding(INSTANCE, self.types[name])
        elif name in self.defined:
            table[name] = Binding("def", name)
        else:
            table.pop(name, None)


def walk_local(node: ast.AST) -> Iterator[ast.AST]:
    """The nodes of *node*'s own scope: nested functions, lambdas and classes excluded."""
    stack = list(ast.iter_child_nodes(node))
    while stack:
        child = stack.pop()
        yield child
        if not isinstance(child, SCOPES):
            stack.extend(ast.iter_child_nodes(child))


class FunctionInfo(NamedTuple):
    """What one walk over a function's own scope finds (one walk: this runs per function)."""

    #: Parameters and names the function assigns: they shadow imports inside it.
    local: frozenset[str]
    #: Names declared ``global``: writes to them are writes to module state.
    globals: frozenset[str]
    #: ``limit = 20`` and parameter defaults: where a bound may be written.
    values: dict[str, ast.expr]
    #: (target, value) of assignments and ``with ... as``: where a local's class is said.
    bindings: list[tuple[ast.expr | None, ast.expr]]
    #: How many loops (statements and comprehensions) the scope has: under two, none is nested.
    loops: int


LOOPS = (ast.For, ast.While, ast.ListComp, ast.SetComp, ast.DictComp, ast.GeneratorExp)


def function_info(fn: Function) -> FunctionInfo:
    args = fn.args
    names = {a.arg for a in (*args.posonlyargs, *args.args, *args.kwonlyargs)}
    names.update(a.arg for a in (args.vararg, args.kwarg) if a is not None)
    values: dict[str, ast.expr] = {}
    positional = [*args.posonlyargs, *args.args]
    defaults = positional[len(positional) - len(args.defaults) :]
    for arg, default in zip(defaults, args.defaults, strict=True):
        values[arg.arg] = default
    for arg, kw_default in zip(args.kwonlyargs, args.kw_defaults, strict=True):
        if kw_default is not None:
            values[arg.arg] = kw_default
    declared_global: set[str] = set()
    bindings: list[tuple[ast.expr | None, ast.expr]] = []
    loops = 0
    for node in walk_local(fn):
        if isinstance(node, LOOPS):
            loops += 1
        if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
            names.add(node.id)
        elif isinstance(node, ast.Global):
            declared_global.update(node.names)
        elif isinstance(node, ast.Assign) and len(node.targets) == 1:
            bindings.append((node.targets[0], node.value))
            if isinstance(node.targets[0], ast.Name):
                values[node.targets[0].id] = node.value
        elif isinstance(node, (ast.With, ast.AsyncWith)):
            bindings.extend((item.optional_vars, item.context_expr) for item in node.items)
    return FunctionInfo(
        frozenset(names - declared_global), frozenset(declared_global), values, bindings, loops
    )


def is_text(node: ast.AST) -> bool:
    return isinstance(node, ast.JoinedStr) or (
        isinstance(node, ast.Constant) and isinstance(node.value, (str, bytes))
    )


def bind_module(module: Module, tree: ast.Module) -> None:
    """Imports anywhere in the file, and what the module level binds."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Import) or (
            isinstance(node, ast.ImportFrom) and node.module and not node.level
        ):
            for name, target in imported(node):
                if name == "*" and target is not None and target not in module.stars:
                    module.stars.append(target)
                elif name != "*" and target is not None:
                    module.alias(name, target)
    for stmt in tree.body:
        if isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            module.define(stmt.name)
    scope = Names(module, frozenset())
    for stmt in _module_statements(tree.body):
        targets: list[ast.expr] = []
        value: ast.expr | None = None
        if isinstance(stmt, ast.Assign):
            targets, value = stmt.targets, stmt.value
        elif isinstance(stmt, ast.AnnAssign) and stmt.value is not None:
            targets, value = [stmt.target], stmt.value
        names = [t.id for t in targets if isinstance(t, ast.Name)]
        if value is None or not names:
            continue
        number = scope.integer(value, {})
        if isinstance(stmt, ast.AnnAssign):
            annotated = _annotation(scope, stmt.annotation)
            if annotated:
                module.instance(names, annotated)
        if isinstance(
            value, (ast.List, ast.Dict, ast.Set, ast.ListComp, ast.DictComp, ast.SetComp)
        ):
            module.containers.update(names)
        elif isinstance(value, ast.Attribute):
            aliased = scope.qualname(value)  # ``mpctx_Process = get_context().Process``
            if _is_class(aliased):
                for name in names:
                    module.alias(name, aliased)
        elif isinstance(value, ast.Call):
            called = scope.qualname(value.func)
            context = tables().contexts.get(called or "")
            if context:  # ``ctx = multiprocessing.get_context()``: the module's API
                for name in names:
                    module.alias(name, context)
            if _is_class(called):
                module.instance(names, called)
            if called in tables().containers:
                module.containers.update(names)
            elif called in tables().locks:
                module.locks.update(names)
        elif isinstance(value, ast.IfExp):  # ``ctx = get_context("spawn") if w else ...``
            held = {_held(scope, call) for call in _alternatives(value)}
            kind, what = held.pop() if len(held) == 1 else ("", "")
            if kind == "context":
                for name in names:
                    module.alias(name, what)
            elif kind == "class":
                module.instance(names, what)
        if number is not None:
            module.constants.update(dict.fromkeys(names, number))
        if isinstance(value, ast.Constant) and value.value is None:
            module.nones.update(names)
    _bind_options(module, tree, scope)
    _bind_attributes(module, tree, scope)


def _bind_attributes(module: Module, tree: ast.Module, scope: Names) -> None:
    """What the attributes of the module's classes hold, where the code says: an annotation
    in the class body (a dataclass field ``client: Client``), ``self.x = Cls(...)``,
    ``self.x: Cls = ...`` or ``self.x = x`` with the parameter annotated (``x: Cls``) in a
    method. Read for `Module.through`; the first word said for an attribute stands."""
    classes = {s.name: s for s in tree.body if isinstance(s, ast.ClassDef)}

    def held(node: ast.expr | None) -> str | None:
        while isinstance(node, ast.BinOp):  # ``Client | None``
            node = node.left
        if isinstance(node, ast.Name) and node.id in classes:
            return LOCAL_CLASS + node.id
        name = scope.qualname(node) if node is not None else None
        return name if _is_class(name) else None

    for name, cls in classes.items():
        module.bases[name] = [
            b.id for b in cls.bases if isinstance(b, ast.Name) and b.id in classes
        ]
        table = module.attributes.setdefault(name, {})
        module.flags_off[name] = {
            target.id
            for stmt in cls.body
            if isinstance(stmt, (ast.Assign, ast.AnnAssign))
            and isinstance(stmt.value, ast.Constant)
            and stmt.value.value is False
            for target in (stmt.targets if isinstance(stmt, ast.Assign) else [stmt.target])
            if isinstance(target, ast.Name)
        }
        for stmt in cls.body:
            if isinstance(stmt, ast.AnnAssign) and isinstance(stmt.target, ast.Name):
                kind = held(stmt.annotation)
                if kind:
                    table.setdefault(stmt.target.id, kind)
        for method in cls.body:
            if not isinstance(method, (ast.FunctionDef, ast.AsyncFunctionDef)):
                continue
            args = [*method.args.posonlyargs, *method.args.args, *method.args.kwonlyargs]
            if not args or args[0].arg != "self":
                continue
            annotated = {a.arg: a.annotation for a in args[1:] if a.annotation is not None}
            for node in walk_local(method):
                targets: list[ast.expr]
                if isinstance(node, ast.AnnAssign):
                    targets, kind = [node.target], held(node.annotation)
                elif isinstance(node, ast.Assign):
                    value = node.value
                    if isinstance(value, ast.Call):
                        kind = held(value.func)
                    elif isinstance(value, ast.Name) and value.id in annotated:
                        kind = held(annotated[value.id])
                    else:
                        kind = None
                    targets = node.targets
                else:
                    continue
                for target in targets if kind else ():
                    if (
                        isinstance(target, ast.Attribute)
                        and isinstance(target.value, ast.Name)
                        and target.value.id == "self"
                    ):
                        table.setdefault(target.attr, str(kind))


#: Calls that declare a command-line option with a default (issue 19, cause 5).
_OPTION_CALLS = frozenset({"add_argument", "option", "argument"})


def _bind_options(module: Module, tree: ast.Module, scope: Names) -> None:
    """``parser.add_argument("--workers", type=int, default=8)`` and
    ``@click.option("--workers", default=8)``: the bound the program runs with unless told."""
    for node in ast.walk(tree):
        if not (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr in _OPTION_CALLS
        ):
            continue
        default = next((k.value for k in node.keywords if k.arg == "default"), None)
        value = scope.integer(default, {}) if default is not None else None
        off = _off_by_default(node, default)
        imported = None
        if isinstance(default, ast.Name) and default.id not in module.constants:
            # A relative import is resolved with the file's path (`Graph.aliases`).
            imported = scope.qualname(default) or default.id
        if value is None and not off and not imported:
            continue
        dest = next(
            (
                k.value.value
                for k in node.keywords
                if k.arg == "dest" and isinstance(k.value, ast.Constant)
            ),
            None,
        )
        names = [
            a.value for a in node.args if isinstance(a, ast.Constant) and isinstance(a.value, str)
        ]
        plain = [n for n in names if not n.startswith("-")]
        long = [n for n in names if n.startswith("--")]
        chosen = dest or (plain[0] if plain else long[0] if long else None)
        if not (isinstance(chosen, str) and chosen):
            continue
        if value is not None:
            module.options[chosen.lstrip("-").replace("-", "_")] = value
        elif imported:
            module.option_names[chosen.lstrip("-").replace("-", "_")] = imported
        elif off and not plain:  # a positional argument is always given
            module.off_options.add(chosen.lstrip("-").replace("-", "_"))


def _off_by_default(node: ast.Call, default: ast.expr | None) -> bool:
    """Whether the option *node* declares is off unless the user gives it: a flag that
    defaults to false (``action="store_true"``, ``is_flag=True``), or an option that is not
    required and has no default, or a default of None or False (xandikos' ``--htpasswd``)."""
    keywords = {k.arg: k.value for k in node.keywords if k.arg}
    required = keywords.get("required")
    if isinstance(required, ast.Constant) and required.value is True:
        return False
    action = keywords.get("action")
    if isinstance(action, ast.Constant):
        return action.value == "store_true"
    flag = keywords.get("is_flag")
    if isinstance(flag, ast.Constant) and flag.value is True:
        return default is None or (isinstance(default, ast.Constant) and default.value is False)
    if default is None:
        return node.func.attr != "argument" if isinstance(node.func, ast.Attribute) else False
    return isinstance(default, ast.Constant) and default.value in (None, False)


class Names:
    """What names mean at one point of inference: a function's locals over its module's names.

    Each function sees its own locals, then the module (not the functions around it: a closure
    reading an outer local resolves through the module, as inference always has), then the
    builtins, through the linter's `Resolver.lookup`.
    """

    __slots__ = ("local", "module", "scope")

    def __init__(self, module: Module, local: frozenset[str]) -> None:
        self.module = module
        #: Parameters and assigned names: they shadow imports (and are all `integer` skips).
        self.local = local
        if not local:
            self.scope = module.scope
            return
        self.scope = Scope(module.scope.node, module.scope, "<function>")
        self.scope.bindings = dict.fromkeys(local, LOCAL)

    def instance(self, name: str, cls: str) -> None:
        """Local *name* holds a *cls*: ``session: requests.Session``, ``s = requests.Session()``.

        A name declared ``global`` is no local: what it holds is the module's business."""
        if name in self.local:
            assert self.scope.bindings is not None
            self.scope.bindings[name] = Binding(INSTANCE, cls)

    def alias(self, name: str, target: str) -> None:
        """Local *name* is another name for *target*: ``Process = ctx.Process`` makes
        ``Process(...)`` a call of ``multiprocessing.Process``."""
        if name in self.local:
            assert self.scope.bindings is not None
            self.scope.bindings[name] = Binding("import", target)

    def qualname(self, node: ast.AST) -> str | None:
        """``np.linalg.svd`` -> ``numpy.linalg.svd``; None for what is not an import or builtin."""
        if isinstance(node, ast.Name):
            binding = self.module.resolver.lookup(node.id, self.scope)
            if binding is None and self.module.stars:
                return self._starred(node.id)
            if binding is None or binding.kind not in ("import", INSTANCE):
                return None
            return binding.target
        if isinstance(node, ast.Attribute):
            base = self.qualname(node.value)
            return f"{base}.{node.attr}" if base else None
        if isinstance(node, ast.Call):  # ``multiprocessing.get_context("spawn").Pool``
            return tables().contexts.get(self.qualname(node.func) or "")
        return None

    def _starred(self, name: str) -> str | None:
        """A name no import binds, from a star-imported library the tables know:
        ``from peewee import *`` then ``SqliteDatabase(path)`` is ``peewee.SqliteDatabase``
        (sqlite-web, issue 19). Only library names: any other star import says nothing."""
        if name in self.local:
            return None
        t = tables()
        for module in self.module.stars:
            candidate = f"{module}.{name}"
            if t.libraries.lookup(candidate, exact=False) is not None:
                return candidate
        return None

    def integer(self, node: ast.AST, local_values: Mapping[str, ast.expr]) -> int | None:
        """A whole number written in the code: a literal, a constant, simple arithmetic."""
        if isinstance(node, ast.Constant) and type(node.value) is int:
            return node.value
        if isinstance(node, ast.Name):
            if node.id in local_values:
                return self.integer(local_values[node.id], {})
            if node.id not in self.local:
                return self.module.constants.get(node.id)
            return self.module.options.get(node.id)  # a click option's parameter
        if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name):
            return self.module.options.get(node.attr)  # args.workers, from add_argument
        if isinstance(node, ast.Call):
            return self._smallest(node, local_values) or self._environment_default(node)
        if isinstance(node, ast.BinOp) and isinstance(node.op, (ast.Add, ast.Mult, ast.Sub)):
            left = self.integer(node.left, local_values)
            right = self.integer(node.right, local_values)
            if left is None or right is None:
                return None
            result = {ast.Add: left + right, ast.Mult: left * right, ast.Sub: left - right}
            return result[type(node.op)]
        return None

    def _smallest(self, node: ast.Call, local_values: Mapping[str, ast.expr]) -> int | None:
        """``min(CPU_COUNT, 16)``: at most the smallest whole number written among its
        arguments, which is the bound a pool sized by it has on any machine (issue 19, cause 5:
        trafilatura's ``PARALLEL_CORES``)."""
        func = node.func
        if not (isinstance(func, ast.Name) and func.id == "min") or node.keywords:
            return None
        if func.id in self.local or func.id in self.module.defined:
            return None
        found = [self.integer(a, local_values) for a in node.args]
        values = [v for v in found if v is not None and v >= 1]
        return min(values) if values and len(node.args) > 1 else None

    def _environment_default(self, node: ast.Call) -> int | None:
        """``int(os.getenv("WORKERS", 2))``, ``int(os.environ.get("WORKERS", "2"))``: the bound
        the program runs with unless its environment says otherwise (issue 19, cause 5:
        scdlbot sizes its download pool with ``WORKERS = int(os.getenv("WORKERS", 2))``)."""
        func = node.func
        if not (isinstance(func, ast.Name) and func.id == "int" and func.id not in self.local):
            return None
        if len(node.args) != 1 or node.keywords or "int" in self.module.defined:
            return None
        inner = node.args[0]
        if not (isinstance(inner, ast.Call) and len(inner.args) == 2):
            return None
        if self.qualname(inner.func) not in _ENVIRONMENT_READS:
            return None
        default = inner.args[1]
        if not isinstance(default, ast.Constant):
            return None
        value = default.value
        if type(value) is int:
            return value
        if isinstance(value, str) and value.strip().isdigit():
            return int(value)
        return None


#: Reads of an environment variable with a default (`Names._environment_default`).
_ENVIRONMENT_READS = frozenset({"os.getenv", "os.environ.get"})


def _annotation(scope: Names, node: ast.expr | None) -> str | None:
    """The class an annotation names: ``httpx.AsyncClient | None`` -> ``httpx.AsyncClient``."""
    while isinstance(node, ast.BinOp):
        node = node.left
    return scope.qualname(node) if node is not None else None


def local_names(module: Module, fn: Function, info: FunctionInfo) -> Names:
    """The names of *fn*, with what its locals hold where the code says: annotations first
    (read with the locals shadowing, none typed yet), then constructors, each seen by the
    next (``client = httpx.Client()`` before ``stream = client.Stream()``)."""
    names = Names(module, info.local)
    args = fn.args
    annotated = [
        (arg.arg, _annotation(names, arg.annotation))
        for arg in (*args.posonlyargs, *args.args, *args.kwonlyargs)
    ]
    for name, cls in annotated:
        if cls:
            names.instance(name, cls)
    # In the order the code says them: ``ctx = get_context()`` before ``Process = ctx.Process``.
    ordered = sorted(info.bindings, key=lambda b: (b[1].lineno, b[1].col_offset))
    for target, value in ordered:
        if not isinstance(target, ast.Name):
            continue
        if isinstance(value, ast.Attribute):
            aliased = names.qualname(value)  # ``Process = ctx.Process``
            if _is_class(aliased):
                names.alias(target.id, aliased)
            continue
        held = {_held(names, call) for call in _alternatives(value)}
        if len(held) != 1:
            continue  # nothing called, or branches that build different things
        kind, what = held.pop()
        # ``ctx = multiprocessing.get_context("spawn")``: the module's API; or a class's instance.
        if kind in {"context", "class"}:
            names.instance(target.id, what)
    return names


def _alternatives(value: ast.expr) -> list[ast.expr]:
    """What a value may be: both branches of a conditional expression (wikiextractor's
    ``get_context("spawn") if windows else get_context("fork")``, issue 19), else itself."""
    if isinstance(value, ast.IfExp):
        return [*_alternatives(value.body), *_alternatives(value.orelse)]
    return [value]


def _held(names: Names, value: ast.expr) -> tuple[str, str]:
    """What a call builds: ("context", module) for a context with a module's API, ("class",
    name) for an instance of a class, ("", "") for anything else."""
    if not isinstance(value, ast.Call):
        return ("", "")
    called = names.qualname(value.func)
    context = tables().contexts.get(called or "")
    if context:
        return ("context", context)
    if _is_class(called):
        return ("class", called)
    return ("", "")


def _module_statements(body: list[ast.stmt]) -> Iterator[ast.stmt]:
    """The module level's statements, with those of its ``if``/``try`` blocks: cutadapt binds
    ``mpctx_Process`` under ``if TYPE_CHECKING: ... else: ...``."""
    for stmt in body:
        yield stmt
        if isinstance(stmt, ast.If):
            yield from _module_statements(stmt.body)
            yield from _module_statements(stmt.orelse)
        elif isinstance(stmt, ast.Try):
            for block in (stmt.body, stmt.orelse, stmt.finalbody):
                yield from _module_statements(block)
            for handler in stmt.handlers:
                yield from _module_statements(handler.body)


def _is_class(name: str | None) -> TypeGuard[str]:
    """``requests.Session``, ``httpx.AsyncClient``: a class by Python's naming convention.
    Only instances get a type: ``response = session.get(url)`` is a response, whose
    ``raise_for_status()`` is no second network call."""
    if not name or name in BUILTINS:
        return False
    return name.rsplit(".", 1)[-1][:1].isupper()
