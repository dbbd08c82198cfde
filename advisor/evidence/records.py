"""Pure-Python work over every item of the program's input: ``cpu_bound`` where no loop does
arithmetic (issue 19: vulture, NanoFilt).

`advisor.evidence.loops` finds nested loops doing arithmetic; a dead-code finder that parses
every file and walks each tree with an ``ast.NodeVisitor``, or a filter that parses every read
of a FASTQ stream with Biopython and scores it, has none, yet that Python is the whole run.
Two shapes, from the tables in ``data/work.yaml`` (``input_work``):

- a tree parser (``ast.parse``) called over and over (in a loop, or in a function a loop
  calls) while a Python visitor class with ``visit_*`` methods exists to go over the trees;
- a loop over a record source (``SeqIO.parse(...)``, ``sys.stdin``) whose body computes on
  each record (arithmetic, a regular expression);
- a source file tokenized (``tokenize.generate_tokens``) once per file of the input: the
  tokens are Python objects the program goes over in Python (docformatter, bandit);
- a call into a pure-Python library that goes over a whole document or table (a Markdown
  converter, agate's CSV reader with its type tests: csvkit, mkdocs): one call is the work.

Here only what each file shows is recorded; `advisor.evidence.conclude.finish` decides
with the whole project: on the main path, in a function that waits on nothing. A parse that
runs once (one configuration file) says nothing, so the answer can still be "no".
"""

from __future__ import annotations

import ast

from advisor.evidence.observed import InputWork
from advisor.evidence.walk import Reader, register

#: Operators that compute (``+`` and ``%`` also join and format strings: left out).
_COMPUTING = (ast.Sub, ast.Mult, ast.Div, ast.FloorDiv, ast.Pow)


@register(ast.Call)
def repeated_call(r: Reader, node: ast.Call) -> None:
    """The names of functions and methods called in a loop or comprehension (``self.scan(...)``
    in vulture's loop over modules): what they do runs once per item."""
    func = node.func
    name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", None)
    if not name:
        return
    if r.functions:
        r.g.calls_any.setdefault(_owner(r), set()).add(name)
    if r.loop_depth or r.comprehension_depth:
        r.g.called_in_loop.add(name)


@register(ast.Call)
def tokenized(r: Reader, node: ast.Call) -> None:
    """``tokenize.generate_tokens(io.StringIO(source).readline)``: a source file cut into
    tokens, each a Python object the program then classifies and rewrites in Python
    (docformatter rewrapping docstrings, bandit reading ``# nosec`` comments before its AST
    walk). Done per file, in a loop or one call below a function a loop calls, it is the
    run's Python work (`advisor.evidence.computation.input_work`)."""
    callee = r.callee
    if callee and callee in r.t.source_tokenizers:
        looped = bool(r.loop_depth or r.comprehension_depth)
        r.g.input_work.append(InputWork(r.at(node), _owner(r), "tokens", callee, looped))


@register(ast.Call)
def tree_parse(r: Reader, node: ast.Call) -> None:
    """``ast.parse(code)``: a tree to walk; not ``ast.parse(text, mode="eval")``, one
    expression a user typed (limnoria's calculator command, issue 19), however often."""
    callee = r.callee
    if callee and callee in r.t.tree_parsers and not _one_expression(node):
        looped = bool(r.loop_depth or r.comprehension_depth)
        r.g.input_work.append(InputWork(r.at(node), _owner(r), "tree", callee, looped))


@register(ast.Call)
def library_work(r: Reader, node: ast.Call) -> None:
    """``agate.Table.from_csv(self.input_file)``, ``md.convert(page.markdown)``: a
    pure-Python library going over a whole document or table (`library_work`)."""
    callee = r.callee
    if callee and callee in r.t.library_work:
        looped = bool(r.loop_depth or r.comprehension_depth)
        r.g.input_work.append(InputWork(r.at(node), r.function, "library", callee, looped))


@register(ast.Call)
def repeated_work(r: Reader, node: ast.Call) -> None:
    """``nx.shortest_path(aln_graph, ...)``: a pure-Python library computing on one item
    (``repeated_work_modules`` in ``data/work.yaml``; liftoff's graph of each gene's
    alignments). The program's work when it repeats over the input, as a record's does
    (`advisor.evidence.computation.input_work`); a graph class built is a container, no
    work (``nx.DiGraph()``)."""
    callee = r.callee
    if not callee or "." not in callee:
        return
    module, _, name = callee.partition(".")
    if module in r.t.repeated_work_modules and name[:1].islower():
        looped = bool(r.loop_depth or r.comprehension_depth)
        r.g.input_work.append(InputWork(r.at(node), _owner(r), "graph", callee, looped))


def _owner(r: Reader) -> str:
    """The name a call of the current function is written with: a class's own for its
    ``__init__`` (``TokenStream(src)`` runs ``TokenStream.__init__``, which tokenizes:
    pydocstyle), the function's elsewhere."""
    if r.function == "__init__" and r.classes and len(r.functions) == 1:
        return r.classes[-1]
    return r.function


def _one_expression(node: ast.Call) -> bool:
    """A parse of one expression or statement (``mode="eval"``, ``"single"``), not a file."""
    modes = [k.value for k in node.keywords if k.arg == "mode"]
    modes += node.args[2:3]
    return any(isinstance(m, ast.Constant) and m.value in {"eval", "single"} for m in modes)


@register(ast.ClassDef)
def visitor_class(r: Reader, node: ast.ClassDef) -> None:
    """``class Vulture(ast.NodeVisitor)`` with ``visit_*`` methods: its ``generic_visit`` runs
    Python for every node, and its methods record what they meet (an analysis of the whole
    tree, not a search for one class)."""
    visits = [
        s
        for s in node.body
        if isinstance(s, (ast.FunctionDef, ast.AsyncFunctionDef)) and s.name.startswith("visit_")
    ]
    if len(visits) < r.t.visit_methods:
        return
    if any(_visitor_base(r, base) for base in node.bases):
        r.g.tree_walkers.append((r.at(node), node.name))


def _visitor_base(r: Reader, base: ast.expr) -> bool:
    """``ast.NodeVisitor``, or the project's own base of its visitors, named as one
    (``class ComplexityVisitor(CodeVisitor)``, radon's ``CodeVisitor(ast.NodeVisitor)``,
    which has no ``visit_*`` method of its own): ``visitor_suffixes`` in ``data/work.yaml``."""
    name = r.names.qualname(base) or ""
    if name in r.t.visitor_bases:
        return True
    written = base.attr if isinstance(base, ast.Attribute) else getattr(base, "id", "")
    return str(written).endswith(r.t.visitor_suffixes)


@register(ast.For)
def record_loop(r: Reader, node: ast.For) -> None:
    """``for rec in SeqIO.parse(fq, "fastq"):`` whose body computes on the record; and
    ``for i, line in enumerate(lines):`` whose body runs a regular expression on each line
    (codespell's words of every line of every file: a text tool's per-line Python work)."""
    source = node.iter.func if isinstance(node.iter, ast.Call) else node.iter
    name = r.names.qualname(source)
    if name in r.t.record_sources and _computes(r, node.body):
        r.g.input_work.append(InputWork(r.at(node), r.function, "records", name, True))
    elif _over_lines(node) and _matches_lines(r, node.body):
        call = ast.unparse(node.iter)[:60]
        r.g.input_work.append(InputWork(r.at(node), r.function, "lines", call, True))


@register(ast.Module)
def compiled_patterns(r: Reader, node: ast.Module) -> None:
    """Module-level names bound to ``re.compile(...)`` (codespell's ``word_regex``): a call of
    their ``findall``/``search`` is a regular expression too (`_matches_lines`)."""
    for stmt in node.body:
        if isinstance(stmt, ast.Assign) and _compiles(r, stmt.value):
            names = {t.id for t in stmt.targets if isinstance(t, ast.Name)}
            r.g.patterns.setdefault(r.source.path, set()).update(names)


def _compiles(r: Reader, value: ast.expr | None) -> bool:
    return isinstance(value, ast.Call) and (r.names.qualname(value.func) or "") in _COMPILERS


#: Calls that build a compiled regular expression.
_COMPILERS = frozenset({"re.compile", "regex.compile"})
#: A compiled pattern's methods that run it.
_PATTERN_METHODS = frozenset(
    {"search", "match", "fullmatch", "findall", "finditer", "sub", "split"}
)


def _pattern_call(r: Reader, call: ast.Call) -> bool:
    """``WORD.findall(line)`` on a name bound to ``re.compile(...)``, here or at module level."""
    func = call.func
    if not (isinstance(func, ast.Attribute) and func.attr in _PATTERN_METHODS):
        return False
    receiver = func.value
    if not isinstance(receiver, ast.Name):
        return False
    local = r.local_values.get(receiver.id)
    if local is not None:
        return _compiles(r, local)
    return receiver.id in r.g.patterns.get(r.source.path, set())


#: Methods that split a text or a file into its lines.
_LINE_SPLITTERS = frozenset({"readlines", "splitlines"})


def _over_lines(node: ast.For) -> bool:
    """A loop over the lines of a text: ``f.readlines()``, ``text.splitlines()``, or a loop
    variable named ``line`` (``for i, line in enumerate(lines)``), through ``enumerate``."""
    source = node.iter
    target = node.target
    if isinstance(source, ast.Call) and getattr(source.func, "id", "") == "enumerate":
        source = source.args[0] if source.args else source
        if isinstance(target, ast.Tuple) and len(target.elts) == 2:
            target = target.elts[1]
    split = (
        isinstance(source, ast.Call)
        and isinstance(source.func, ast.Attribute)
        and source.func.attr in _LINE_SPLITTERS
    )
    return split or (isinstance(target, ast.Name) and target.id == "line")


def _matches_lines(r: Reader, body: list[ast.stmt]) -> bool:
    """A regular expression run in *body* (``re.findall``, a compiled pattern's ``search``)
    and a loop over words or matches inside it: work per word of every line."""
    regex = loop = False
    stack: list[ast.AST] = list(body)
    while stack:
        item = stack.pop()
        if isinstance(item, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Lambda)):
            continue
        if isinstance(item, ast.Call):
            name = r.names.qualname(item.func) or ""
            regex = regex or name.split(".", 1)[0] in r.t.record_work_modules
            regex = regex or _pattern_call(r, item)
        loop = loop or isinstance(item, (ast.For, ast.comprehension))
        stack.extend(ast.iter_child_nodes(item))
    return regex and loop


def _computes(r: Reader, body: list[ast.stmt]) -> bool:
    """Arithmetic or a regular expression in *body* (nested definitions left out)."""
    stack: list[ast.AST] = list(body)
    while stack:
        item = stack.pop()
        if isinstance(item, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Lambda)):
            continue
        if isinstance(item, ast.BinOp) and isinstance(item.op, _COMPUTING):
            return True
        if isinstance(item, ast.Call):
            name = r.names.qualname(item.func) or ""
            if name.split(".", 1)[0] in r.t.record_work_modules:
                return True
        stack.extend(ast.iter_child_nodes(item))
    return False
