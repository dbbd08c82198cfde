"""What a call's arguments decide inside the callee: which of its branches can run.

A helper often blocks on one side of a test of its own parameter only: aiodocker's
``Docker(url=None)`` reads the Docker CLI's ``config.json`` under ``if docker_host is None``
(``docker_host = url``), so ``Docker(url="ssh://...")`` never reads it; a ``load(path=None)``
that opens a default file only when no path was given. A chain one call away through that
branch is a false alarm at every call whose arguments make the branch dead. This module holds
the pure parts of that decision, shared by the facts `checks.reach` records while the one
shared walk passes (`base.Frame.branches`: the ``if`` conditions open around a call) and the
join after the scan (`reach.resolve`):

- `conditions`: an ``if``'s test as a conjunction of facts about one name each, as the walk
  meets it: ``x is None``, ``x is not None``, ``x`` (truthiness), ``callable(x)``,
  ``isinstance(x, str)``, ``x == "literal"``, their negations, and ``and`` of them (``or`` in
  the ``else``). Anything else says nothing: the branch may run.
- `shape`: what an argument written at the call is, when the code says it plainly: a literal,
  ``None``, a container display, a lambda, a function or class named, or a local the caller
  assigns one of those exactly once. Anything else is unknown, and an unknown argument decides
  nothing.
- `dead`: whether a recorded condition is false for a call, after `bind` matched the call's
  arguments to the callee's parameters (a parameter not given takes its default's shape).

Conservative by construction: a condition is only kept on a parameter (or a local that is the
parameter under another name, ``docker_host = url``) that nothing rebinds before the test, except
inside that very name's ``is None`` branch (then only a value known not to be None decides); a
call with ``*args`` or ``**kwargs`` decides nothing; a test inside a loop that also rebinds the
name decides nothing.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import Any

from advisor.lint.checks.harmless import configured as is_configured
from advisor.lint.checks.helpers import repeating_span

# Concrete built-in types whose instances a literal can be; an ``isinstance`` test naming only
# these is decided for a literal (or None), any other class (an ABC, a subclass) is not.
_CONCRETE = frozenset(
    {"str", "bytes", "int", "float", "bool", "dict", "list", "tuple", "set", "frozenset"}
)
_DISPLAYS = {ast.Dict: "dict", ast.List: "list", ast.Tuple: "tuple", ast.Set: "set"}
_BUILTIN_CONTAINERS = frozenset({"dict", "list", "tuple", "set", "frozenset"})
# The in-memory buffers of `io` and the classes an ``isinstance`` test may name that they are
# instances of (as the code writes them: ``io.IOBase`` or, imported, ``IOBase``). A buffer
# handed to a helper that opens a file only when it is given a path (discord.py's
# ``File(io.BytesIO(data))``: ``if isinstance(fp, io.IOBase): ... else: open(fp)``) opens none.
_BUFFER_BASES = {
    "io.BytesIO": frozenset({"BytesIO", "BufferedIOBase", "IOBase"}),
    "io.StringIO": frozenset({"StringIO", "TextIOBase", "IOBase"}),
}
_IO_CLASSES = frozenset(
    {"IOBase", "RawIOBase", "BufferedIOBase", "TextIOBase", "BytesIO", "StringIO", "FileIO"}
)
_LOOPS = (ast.For, ast.AsyncFor, ast.While)
_NESTED = (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef)

#: One fact an ``if`` states about a name: ``[name, op, operand, holds]``, *op* one of
#: ``none`` (is None), ``truth``, ``callable``, ``isinstance`` (operand: the type names),
#: ``eq`` (operand: the literal), ``startswith``/``endswith`` (operand: the texts),
#: ``re.search``/``re.match``/``re.fullmatch`` (operand: the pattern); *holds* is False in
#: the ``else`` (or under ``not``).
Condition = list[Any]


def conditions(test: ast.expr, holds: bool) -> list[Condition]:
    """The facts that are all true where *test* evaluates to *holds*; ``[]`` when it cannot
    be written as such a conjunction (``a or b`` in its body: either may be the true one)."""
    while isinstance(test, ast.UnaryOp) and isinstance(test.op, ast.Not):
        holds = not holds
        test = test.operand
    if isinstance(test, ast.BoolOp):
        # `a and b` holds: both do; `a or b` fails: neither holds. The other two are a choice.
        if isinstance(test.op, ast.And) != holds:
            return []
        found: list[Condition] = []
        for value in test.values:
            found.extend(conditions(value, holds))
        return found
    subject = _subject_name(test)
    if subject is not None:
        return [[subject, "truth", None, holds]]
    if isinstance(test, ast.Compare) and len(test.ops) == 1:
        left, op, right = test.left, test.ops[0], test.comparators[0]
        if isinstance(left, ast.Constant) and _subject_name(right) is not None:
            left, right = right, left
        name = _subject_name(left)
        if name is None or not isinstance(right, ast.Constant):
            return []
        if right.value is None and isinstance(op, (ast.Is, ast.IsNot)):
            return [[name, "none", None, holds == isinstance(op, ast.Is)]]
        if isinstance(op, (ast.Eq, ast.NotEq)) and _plain_literal(right.value):
            return [[name, "eq", right.value, holds == isinstance(op, ast.Eq)]]
        return []
    if (
        isinstance(test, ast.Call)
        and isinstance(test.func, ast.Attribute)
        and len(test.args) == 1
        and not test.keywords
    ):
        return _method_test(test.func, test.args[0], holds)
    if isinstance(test, ast.Call) and isinstance(test.func, ast.Name) and not test.keywords:
        args = test.args
        if not args or not isinstance(args[0], ast.Name):
            return []
        if test.func.id == "callable" and len(args) == 1:
            return [[args[0].id, "callable", None, holds]]
        if test.func.id == "isinstance" and len(args) == 2:
            kinds = args[1].elts if isinstance(args[1], ast.Tuple) else [args[1]]
            names = [_type_name(k) for k in kinds]
            if all(names):
                return [[args[0].id, "isinstance", sorted(set(filter(None, names))), holds]]
    return []


def _subject_name(expr: ast.expr) -> str | None:
    """The name a test is about: a name, or ``self.field`` (a field of the instance, whose
    value a receiver built with known arguments states: `fields`)."""
    if isinstance(expr, ast.Name):
        return expr.id
    if (
        isinstance(expr, ast.Attribute)
        and isinstance(expr.value, ast.Name)
        and expr.value.id == "self"
    ):
        return f"self.{expr.attr}"
    return None


def _type_name(kind: ast.expr) -> str | None:
    """A class named in an ``isinstance`` test as written: ``str``, or ``io.IOBase`` (one
    module name and the class); anything else (a call, a deeper path) is None."""
    if isinstance(kind, ast.Name):
        return kind.id
    if isinstance(kind, ast.Attribute) and isinstance(kind.value, ast.Name):
        return f"{kind.value.id}.{kind.attr}"
    return None


def _method_test(func: ast.Attribute, arg: ast.expr, holds: bool) -> list[Condition]:
    """``x.startswith("unix://")`` (or a tuple of prefixes, ``endswith`` alike), and
    ``_rx.search(x)``/``match``/``fullmatch`` of a module's compiled pattern (operand: the
    pattern's name, `Guards` reads its text): a scheme dispatch on a URL parameter."""
    owner = func.value
    if func.attr in ("startswith", "endswith") and isinstance(owner, ast.Name):
        items = arg.elts if isinstance(arg, ast.Tuple) else [arg]
        texts = [i.value for i in items if isinstance(i, ast.Constant)]
        if texts and len(texts) == len(items) and all(isinstance(t, str) for t in texts):
            return [[owner.id, func.attr, texts, holds]]
    if (
        func.attr in ("search", "match", "fullmatch")
        and isinstance(owner, ast.Name)
        and isinstance(arg, ast.Name)
    ):
        return [[arg.id, f"re.{func.attr}", owner.id, holds]]
    return []


def compiled_patterns(module: ast.Module) -> dict[str, str]:
    """Module-level ``name = re.compile("literal")`` (no flags): name -> the pattern."""
    found: dict[str, str] = {}
    for stmt in module.body:
        target, value = _simple_assignment(stmt)
        if (
            target is not None
            and isinstance(value, ast.Call)
            and isinstance(value.func, ast.Attribute)
            and value.func.attr == "compile"
            and isinstance(value.func.value, ast.Name)
            and value.func.value.id == "re"
            and len(value.args) == 1
            and not value.keywords
            and isinstance(value.args[0], ast.Constant)
            and isinstance(value.args[0].value, str)
        ):
            found[target.id] = value.args[0].value
    return found


def _plain_literal(value: object) -> bool:
    return isinstance(value, (str, int, float, bool)) and (
        not isinstance(value, str) or len(value) <= 80
    )


# ---- argument shapes -------------------------------------------------------------------------
#: What an argument is: ``[type name, truthiness or None]`` plus the value for a short literal;
#: ``["=", name]`` is the caller's own parameter *name* (a helper passing its argument on),
#: resolved against the caller's own call. None: unknown.
Shape = list[Any] | None


def literal_shape(expr: ast.expr) -> Shape:
    """The shape of an expression written in place, or None."""
    kind = type(expr)
    if kind is ast.Constant:
        assert isinstance(expr, ast.Constant)
        value = expr.value
        if value is None:
            return ["NoneType", False]
        if value is Ellipsis:
            return None
        shape = [type(value).__name__, bool(value)]
        if _plain_literal(value):
            shape.append(value)
        return shape
    if kind is ast.JoinedStr:
        assert isinstance(expr, ast.JoinedStr)
        texts = [v for v in expr.values if isinstance(v, ast.Constant) and v.value]
        return ["str", True if texts else None]
    if kind in _DISPLAYS:
        items = expr.keys if isinstance(expr, ast.Dict) else getattr(expr, "elts", [])
        starred = any(i is None or isinstance(i, ast.Starred) for i in items)
        return [_DISPLAYS[kind], None if starred else bool(items)]
    if kind is ast.Lambda:
        return ["function", True]
    return None


def shape(
    expr: ast.expr, resolver: Any, scope: Any, once: Callable[[], Mapping[str, int]]
) -> Shape:
    """The shape of an argument at a call: written in place (`literal_shape`), a function or
    class the code defines or imports by that name (callable), or a local the calling
    function assigns exactly once (*once*: name -> stores) with one of those; None otherwise."""
    found = (
        literal_shape(expr)
        or _buffer_shape(expr, resolver, scope)
        or _container_shape(expr, resolver, scope)
    )
    if found is not None or not isinstance(expr, ast.Name):
        return found
    binding = resolver.lookup(expr.id, scope)
    if binding is None:
        return None
    if binding.kind in ("def", "class"):
        return ["function", True]
    if binding.kind == "value" and isinstance(binding.node, ast.expr):
        found = literal_shape(binding.node) or _buffer_shape(binding.node, resolver, scope)
        if found is not None and once().get(expr.id) == 1:
            return found
    return None


def _buffer_shape(expr: ast.expr, resolver: Any, scope: Any) -> Shape:
    """``io.BytesIO(data)`` (or ``BytesIO(...)`` imported from `io`, ``io.StringIO``) written
    at the call: an in-memory buffer, an object (truthy, never None, not callable)."""
    if not isinstance(expr, ast.Call):
        return None
    func = expr.func
    if isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name):
        binding = resolver.lookup(func.value.id, scope)
        name = f"{binding.target}.{func.attr}" if _imported(binding) else None
    elif isinstance(func, ast.Name):
        binding = resolver.lookup(func.id, scope)
        name = binding.target if _imported(binding) else None
    else:
        return None
    return [name, True] if name in _BUFFER_BASES else None


def _container_shape(expr: ast.expr, resolver: Any, scope: Any) -> Shape:
    """``set()``, ``dict()``, ``list()``, ``tuple()``, ``frozenset()`` written at the call, the
    built-in (not a name the module rebinds): a new container of that type, never None, empty
    (falsy) when called with no argument (distributed's ``ActiveMemoryManagerExtension(self,
    policies=set())``, whose ``if policies is None:`` branch imports the configured policy
    classes, never runs for that call); with arguments its truth is unknown."""
    if not (
        isinstance(expr, ast.Call)
        and isinstance(expr.func, ast.Name)
        and expr.func.id in _BUILTIN_CONTAINERS
        and _builtin(resolver.lookup(expr.func.id, scope), expr.func.id)
    ):
        return None
    return [expr.func.id, None if expr.args or expr.keywords else False]


def _builtin(binding: Any, name: str) -> bool:
    """Whether *binding* is the built-in *name* (the resolver's answer for a name nothing in
    the module binds)."""
    return binding is not None and binding.kind == "import" and binding.target == name


def _imported(binding: Any) -> bool:
    return binding is not None and binding.kind == "import" and isinstance(binding.target, str)


def stores(function: ast.AST) -> dict[str, int]:
    """How many times each name is bound in *function*'s own body (nested functions aside).
    Read from `helpers.own_nodes` directly: `_own` only leaves out the nested defs and classes
    themselves (neither a name nor a ``global``), through one more generator step per node;
    asked of every def whose calls hand a parameter on (`reach`), 221,000 nodes on a cold
    scan of the standard library."""
    from advisor.lint.checks.helpers import own_nodes

    counts: dict[str, int] = {}
    name_type, load = ast.Name, ast.Load
    for node in own_nodes(function):
        kind = type(node)
        if kind is name_type:
            if type(node.ctx) is not load:  # type: ignore[attr-defined]
                name = node.id  # type: ignore[attr-defined]
                counts[name] = counts.get(name, 0) + 1
        elif kind is ast.Global or kind is ast.Nonlocal:
            for name in node.names:  # type: ignore[attr-defined]
                counts[name] = counts.get(name, 0) + 2
    return counts


def call_arguments(  # noqa: PLR0917 - the call, and what the calling function says of it
    call: ast.Call,
    resolver: Any,
    scope: Any,
    once: Callable[[], Mapping[str, int]],
    params: Sequence[str],
    function: ast.AST | None = None,
    configured: Sequence[str] = (),
) -> list[Any] | None:
    """``[positional shapes, {keyword: shape}]`` of *call*, or None when ``*args`` or
    ``**kwargs`` hide which parameter gets what. An argument that is one of the calling
    function's *params*, passed on unchanged, is ``["=", name]``; a parameter of the calling
    *function* annotated with a plain built-in type (``docker_host: str``) and never rebound
    is a value of that type (not None, truthiness unknown). An attribute path ending in one of
    the *configured* settings is ``["configured", None]`` (`configured_shape`)."""
    if any(isinstance(a, ast.Starred) for a in call.args) or any(
        k.arg is None for k in call.keywords
    ):
        return None

    annotated = _annotated(function) if function is not None else {}

    def one(expr: ast.expr) -> Shape:
        if isinstance(expr, ast.Name) and (expr.id in params or expr.id in annotated):
            if once().get(expr.id):
                return None  # rebound: not the value the caller gave
            return ["=", expr.id] if expr.id in params else annotated[expr.id]
        if configured and isinstance(expr, ast.Attribute):
            return configured_shape(expr, configured)
        return shape(expr, resolver, scope, once)

    return [[one(a) for a in call.args], {k.arg: one(k.value) for k in call.keywords if k.arg}]


def configured_shape(expr: ast.expr, configured: Sequence[str]) -> Shape:
    """``["configured", None]`` for ``call.hass.config.time_zone`` and kin: a setting the
    framework loaded at start-up (``blocking.yaml``'s ``unless: configured``), handed to a
    helper that loads it by that key (Home Assistant's ``dt_util.get_time_zone``, whose
    ``ZoneInfo(time_zone_str)`` then returns zoneinfo's cached instance). Nothing else is
    known of its value (it may be None or empty): it decides only that test."""
    return ["configured", None] if is_configured(expr, list(configured)) else None


def _annotated(function: ast.AST) -> dict[str, Shape]:
    """*function*'s parameters annotated ``str``, ``int``, ``list[str]`` ... (one concrete
    built-in type, not Optional): the shape of a value of that type."""
    args = getattr(function, "args", None)
    if args is None:
        return {}
    found: dict[str, Shape] = {}
    for arg in (*args.posonlyargs, *args.args, *args.kwonlyargs):
        annotation = arg.annotation
        if isinstance(annotation, ast.Subscript):
            annotation = annotation.value
        if isinstance(annotation, ast.Name) and annotation.id in _CONCRETE:
            found[arg.arg] = [f"{annotation.id}+", None]  # that type or a subclass
    return found


def parameters(function: ast.FunctionDef | ast.AsyncFunctionDef, bound: int) -> list[Any]:
    """``[positional names, keyword-only names, {name: default shape}, bound]``: what `bind`
    needs of a callee. *bound*: 1 for a method (an instance call binds the first parameter),
    2 for a classmethod (always bound), 0 for a function or staticmethod."""
    args = function.args
    positional = [a.arg for a in (*args.posonlyargs, *args.args)]
    defaults: dict[str, Shape] = {}
    for name, default in zip(
        positional[len(positional) - len(args.defaults) :], args.defaults, strict=True
    ):
        defaults[name] = literal_shape(default)
    for arg, kw_default in zip(args.kwonlyargs, args.kw_defaults, strict=True):
        if kw_default is not None:
            defaults[arg.arg] = literal_shape(kw_default)
    return [positional, [a.arg for a in args.kwonlyargs], defaults, bound]


def bind(spec: Sequence[Any], arguments: Sequence[Any] | None, bound: bool) -> dict[str, Shape]:
    """Each parameter of the callee *spec* (`parameters`) -> the shape it gets from a call with
    *arguments* (`call_arguments`); parameters whose value is unknown are left out. *bound*:
    the call goes through an instance (``self.m()``, ``obj.m()``, a constructor)."""
    if arguments is None:
        return {}
    positional, keyword_only, defaults, method = spec
    names = list(positional)
    if method == 2 or (method == 1 and bound):
        names = names[1:]
    given, keywords = arguments
    if len(given) > len(names):
        return {}  # more than the callee takes (*args): nothing is sure
    values: dict[str, Shape] = {}
    for name, value in zip(names, given, strict=False):
        values[name] = value
    for name, value in keywords.items():
        if name in values:
            return {}  # given twice: the call fails, nothing to decide
        values[name] = value
    for name in (*names, *keyword_only):
        if name not in values and name in defaults:
            values[name] = defaults[name]
    return {name: value for name, value in values.items() if value is not None}


def dead(condition: Sequence[Any], values: Mapping[str, Shape]) -> bool:
    """Whether *condition* (``[name, op, operand, holds, only_not_none]``) is false for a call
    giving *values*: the branch it guards never runs for that call."""
    name, op, operand, holds, only_not_none = condition
    value = values.get(name)
    if value is None or value[0] == "=":
        return False
    kind, truth = value[0], value[1]
    if kind == "configured" or op == "configured":
        # a configured key handed to a load that the table leaves alone for one
        return op == "configured" and kind == "configured" and not holds
    if only_not_none and kind == "NoneType":
        return False  # the name may be rebound inside its own `is None` branch
    if kind.endswith("+"):
        # a parameter annotated with the type (`docker_host: str`): an instance of it or of a
        # subclass, never None; nothing else is sure
        result: bool | None = None
        if op == "none":
            result = False
        elif op == "isinstance" and kind[:-1] in operand:
            result = True
    elif op == "none":
        result = kind == "NoneType"
    elif op == "truth":
        result = truth
    elif op == "callable":
        result = kind == "function"
    elif op == "isinstance" and kind in _BUFFER_BASES:
        names = set(operand)
        bases = _BUFFER_BASES[kind]
        io_names = {n.rpartition(".")[2] for n in names if n.rpartition(".")[0] in ("", "io")}
        if io_names & bases:
            result = True
        elif all(n in _CONCRETE or n.rpartition(".")[2] in _IO_CLASSES for n in names):
            result = False  # `str`, `bytes`, `io.TextIOBase` for a `BytesIO`: not an instance
        else:
            result = None
    elif op == "isinstance":
        names = set(operand)
        if kind == "function" or not names <= _CONCRETE:
            result = None
        elif kind in names or (kind == "bool" and "int" in names):
            result = True
        else:
            result = False
    elif op in ("startswith", "endswith") or op.startswith("re."):
        result = _text_test(op, operand, value[2]) if kind == "str" and len(value) > 2 else None
    elif op == "eq":
        result = value[2] == operand if len(value) > 2 else None
        if result is None and kind == "NoneType":
            result = False
    else:
        result = None
    return result is not None and result != holds


def _text_test(op: str, operand: Any, text: str) -> bool | None:
    """``text.startswith(operand)`` and kin, run on a literal the call gives."""
    if op == "startswith":
        return text.startswith(tuple(operand))
    if op == "endswith":
        return text.endswith(tuple(operand))
    try:
        pattern = re.compile(str(operand))
    except re.error:
        return None
    return bool(getattr(pattern, op[3:])(text))


def resolved(values: Mapping[str, Shape], arguments: list[Any] | None) -> list[Any] | None:
    """*arguments* recorded at a helper's call to the next helper, with the helper's own
    parameters passed on (``["=", name]``) replaced by what the helper's caller gave."""
    if arguments is None:
        return None
    given, keywords = arguments

    def one(value: Shape) -> Shape:
        if value is not None and value[0] == "=":
            return values.get(value[1])
        return value

    return [[one(v) for v in given], {k: one(v) for k, v in keywords.items()}]


# ---- which conditions a function's own code keeps true ----------------------------------------
class Guards:
    """The conditions on a function's parameters that hold where a call in its body runs,
    from the ``if`` branches open around it (`base.Frame.branches`). Built once per function
    that records a reason (`checks.reach`), and only read from then on.

    A test may name a parameter, a local that is the parameter under another name
    (``docker_host = url`` as a statement of the body), or a local the body sets to None first
    and rebinds only inside branches that test parameters (aiodocker's ``context_endpoint``,
    set only under ``if docker_host is None``): ``context_endpoint is not None`` then says
    that branch ran, so its conditions hold."""

    def __init__(
        self,
        function: ast.FunctionDef | ast.AsyncFunctionDef,
        patterns: Mapping[str, str] | None = None,
    ) -> None:
        #: the module's compiled patterns (`compiled_patterns`), for ``_rx.search(x)``
        self.patterns = patterns or {}
        args = function.args
        self.params = {a.arg for a in (*args.posonlyargs, *args.args, *args.kwonlyargs)}
        self._function = function
        #: name -> its stores, in source order; the ``if`` sides and loops: `_tables`, walked
        #: only when a test names a parameter, an alias or a local set to None first.
        self._named: dict[str, list[ast.Name]] | None = None
        self._own_fields: frozenset[str] | None = None
        self.sides: list[tuple[ast.expr, bool, int, int]] = []
        self.loops: list[tuple[int, int]] = []
        #: alias -> parameter; locals the body sets to None first (statements of the body
        #: itself: no walk)
        self.aliases: dict[str, str] = {}
        #: the aliases written ``param or <falsy literal>``: they say only the parameter's
        #: truthiness (`_or_empty`)
        self.truth_only: set[str] = set()
        self.unset: set[str] = set()
        assigned: set[str] = set()
        for stmt in function.body:
            target, value = _simple_assignment(stmt)
            if target is None or target.id in assigned:
                if target is not None:
                    self.aliases.pop(target.id, None)
                    self.unset.discard(target.id)
                continue
            assigned.add(target.id)
            if (
                isinstance(value, ast.Name)
                and value.id in self.params
                and target.id not in self.params
            ):
                self.aliases[target.id] = value.id
            elif (given := _or_empty(value)) in self.params and target.id not in self.params:
                # `msgs = messages or []`: as truthy as the parameter, and no more
                self.aliases[target.id] = given
                self.truth_only.add(target.id)
            elif isinstance(value, ast.Constant) and value.value is None:
                self.unset.add(target.id)
        self._candidates = self.params | self.aliases.keys() | self.unset

    @property
    def own_fields(self) -> frozenset[str]:
        """The fields this function stores (``self.f = ...``): its tests of them say
        nothing of the instance's construction."""
        if self._own_fields is None:
            self._own_fields = frozenset(
                node.attr
                for node in _own(self._function)
                if isinstance(node, ast.Attribute)
                and not isinstance(node.ctx, ast.Load)
                and isinstance(node.value, ast.Name)
                and node.value.id == "self"
            )
        return self._own_fields

    @property
    def named(self) -> dict[str, list[ast.Name]]:
        if self._named is None:
            self._named = self._tables()
        return self._named

    def _tables(self) -> dict[str, list[ast.Name]]:
        named: dict[str, list[ast.Name]] = {}
        for node in _own(self._function):
            if isinstance(node, ast.Name) and not isinstance(node.ctx, ast.Load):
                named.setdefault(node.id, []).append(node)
            elif isinstance(node, (ast.Global, ast.Nonlocal)):
                for name in node.names:
                    named.setdefault(name, []).extend([ast.Name(name), ast.Name(name)])
            elif isinstance(node, ast.If):
                for holds, stmts in ((True, node.body), (False, node.orelse)):
                    if stmts:
                        end = getattr(stmts[-1], "end_lineno", 0) or 0
                        self.sides.append((node.test, holds, stmts[0].lineno, end))
            elif isinstance(node, _LOOPS):
                self.loops.append(repeating_span(node))
        for found in named.values():
            found.sort(key=lambda n: (getattr(n, "lineno", 0), getattr(n, "col_offset", 0)))
        # an alias or a None-first local is the body's own first store of that name
        for table in (self.aliases, dict.fromkeys(self.unset, "")):
            for name in list(table):
                first = named.get(name, [None])[0]
                if first is None or getattr(first, "lineno", 0) > self._first_line(name):
                    self.aliases.pop(name, None)
                    self.unset.discard(name)
        return named

    def _field_alias(self, field: str, line: int) -> str | None:
        """The parameter ``self.<field>`` still holds at a test on *line*: the function's first
        store of the field is a statement of its body, ``self.field = param``, before the test,
        and nothing between can store it again. parllama's ``ParllamaChatMessage.__init__``
        keeps ``self.images = images`` and fetches each image under ``if self.images:`` a few
        lines below: a message built without images fetches none. Refused (None) when the
        field is stored again before the test, or anywhere in a loop around it; when a call
        between the two could store it (a method of ``self``, ``super()``, a call handed
        ``self``, ``setattr``); or when the first store is of any other shape."""
        first: ast.Assign | None = None
        for stmt in self._function.body:
            if stmt.lineno >= line:
                break
            if any(_stores_field(node, field) for node in ast.walk(stmt)):
                target = stmt.targets[0] if isinstance(stmt, ast.Assign) else None
                if (
                    isinstance(stmt, ast.Assign)
                    and len(stmt.targets) == 1
                    and _stores_field(target, field)
                    and isinstance(stmt.value, ast.Name)
                    and stmt.value.id in self.params
                ):
                    first = stmt
                break
        if first is None:
            return None
        self.named  # noqa: B018 - builds the loops' spans (`_tables`)
        looped = [span for span in self.loops if span[0] <= line <= span[1]]
        start = first.end_lineno or first.lineno
        for node in _own(self._function):
            where = getattr(node, "lineno", 0)
            if _stores_field(node, field) and node is not first.targets[0]:
                if where <= line or any(s <= where <= e for s, e in looped):
                    return None
            elif isinstance(node, ast.Call) and start < where <= line and _may_store(node):
                return None
        assert isinstance(first.value, ast.Name)
        return first.value.id

    def _first_line(self, name: str) -> int:
        for stmt in self._function.body:
            target, _value = _simple_assignment(stmt)
            if target is not None and target.id == name:
                return target.lineno
        return 0

    def of(self, branches: Sequence[tuple[ast.expr, bool]]) -> list[Condition]:
        """The conditions (``[param, op, operand, holds, only_not_none]``) on the function's
        parameters that the open *branches* state, sorted; ``[]`` when none is sure."""
        found: list[Condition] = []
        for test, holds in branches:
            found.extend(self._stated(test, holds, implied=True))
        unique = {repr(c): c for c in found}
        return [unique[key] for key in sorted(unique)]

    def _stated(self, test: ast.expr, holds: bool, *, implied: bool) -> list[Condition]:
        line = test.lineno
        found: list[Condition] = []
        for name, op, stated, when in conditions(test, holds):
            if name.startswith("self."):
                # a field the function itself never stores: what the instance was built with
                if name[5:] not in self.own_fields:
                    found.append([name, op, stated, when, False])
                    continue
                param = self._field_alias(name[5:], line)
                if param is not None and not self.named.get(param):
                    found.append([param, op, stated, when, False])
                continue
            if name not in self._candidates:
                continue  # not a parameter, an alias or a None-first local: says nothing
            if name in self.truth_only and op != "truth":
                continue  # `msgs = messages or []` is never None, whatever was handed
            operand = self.patterns.get(stated) if op.startswith("re.") else stated
            if op.startswith("re.") and operand is None:
                continue  # a pattern whose text the module does not state
            subject = self._subject(name, line)
            if subject is not None:
                found.append([subject[0], op, operand, when, subject[1]])
            elif implied and ((op == "none" and not when) or (op == "truth" and when)):
                found.extend(self._implied(name, line))
        return found

    def _subject(self, name: str, line: int) -> tuple[str, bool] | None:
        """(parameter, only when not None) that *name* holds at a test on *line*, or None."""
        first: ast.Name | None = None
        if name in self.params:
            param = name
        elif name in self.aliases:
            param, first = self.aliases[name], self.named[name][0]
            if self.named.get(param):
                return None  # the parameter itself is rebound: the alias may be stale
        else:
            return None
        only_not_none = False
        for store in self._stores(name, line, first):
            if store is None:
                return None
            if any(
                s <= store.lineno <= e
                for test, holds, s, e in self.sides
                if holds and any(c[:2] == [name, "none"] and c[3] for c in conditions(test, True))
            ):
                only_not_none = True  # rebound only where it was None
                continue
            return None
        return param, only_not_none

    def _implied(self, name: str, line: int) -> list[Condition]:
        """What ``name is not None`` says at *line* when *name* is set to None first and
        rebound only in branches: the conditions every one of those branches holds."""
        if name not in self.unset:
            return []
        common: dict[str, Condition] | None = None
        for store in self._stores(name, line, self.named[name][0]):
            if store is None:
                return []
            here: dict[str, Condition] = {}
            for test, holds, s, e in self.sides:
                if s <= store.lineno <= e:
                    for c in self._stated(test, holds, implied=False):
                        here[repr(c)] = c
            common = here if common is None else {k: v for k, v in common.items() if k in here}
            if not common:
                return []
        return list((common or {}).values())

    def _stores(self, name: str, line: int, first: ast.Name | None) -> Iterator[ast.Name | None]:
        """The stores of *name* before a test on *line* (other than *first*); None for one
        that makes the test undecidable (in a loop around the test, a global declaration)."""
        named = self.named  # builds the tables (loops, sides) on first use
        looped = [span for span in self.loops if span[0] <= line <= span[1]]
        for store in named.get(name, ()):
            if store is first:
                continue
            where = getattr(store, "lineno", 0)
            if not where or any(s <= where <= e for s, e in looped):
                yield None
                return
            if where < line:
                yield store


def _stores_field(node: ast.AST | None, field: str) -> bool:
    """Whether *node* is a store of ``self.<field>``."""
    return (
        isinstance(node, ast.Attribute)
        and node.attr == field
        and not isinstance(node.ctx, ast.Load)
        and isinstance(node.value, ast.Name)
        and node.value.id == "self"
    )


def _may_store(call: ast.Call) -> bool:
    """Whether *call* could store a field of ``self``: a method of ``self`` or of
    ``super()``, ``setattr``, or a call handed ``self`` itself."""
    func = call.func
    root = func
    while isinstance(root, (ast.Attribute, ast.Call)):
        root = root.value if isinstance(root, ast.Attribute) else root.func
    if isinstance(root, ast.Name) and root.id in ("self", "super", "setattr"):
        return True
    values = [*call.args, *(k.value for k in call.keywords)]
    return any(
        isinstance(v, ast.Name) and v.id == "self" for value in values for v in ast.walk(value)
    )


def _or_empty(value: ast.expr | None) -> str | None:
    """The name in ``name or <falsy literal>`` (``messages or []``, ``or ()``, ``or {}``,
    ``or ""``, ``or None``): its value is the name's when that is truthy and falsy otherwise,
    so it is truthy exactly when the name is. None for any other expression."""
    if not (
        isinstance(value, ast.BoolOp)
        and isinstance(value.op, ast.Or)
        and len(value.values) == 2
        and isinstance(value.values[0], ast.Name)
    ):
        return None
    last = value.values[1]
    empty = (
        (isinstance(last, ast.Constant) and not last.value)
        or (isinstance(last, (ast.List, ast.Tuple, ast.Set)) and not last.elts)
        or (isinstance(last, ast.Dict) and not last.keys)
    )
    return value.values[0].id if empty else None


def _simple_assignment(stmt: ast.stmt) -> tuple[ast.Name | None, ast.expr | None]:
    """``name = value`` or ``name: T = value`` as a statement: (the target, the value)."""
    if isinstance(stmt, ast.Assign) and len(stmt.targets) == 1:
        target = stmt.targets[0]
        return (target, stmt.value) if isinstance(target, ast.Name) else (None, None)
    if isinstance(stmt, ast.AnnAssign) and isinstance(stmt.target, ast.Name):
        return stmt.target, stmt.value
    return None, None


def _own(function: ast.AST) -> Iterator[ast.AST]:
    """The nodes of *function*'s body, nested functions and classes aside."""
    from advisor.lint.checks.helpers import own_nodes

    for node in own_nodes(function):
        if not isinstance(node, _NESTED):
            yield node
