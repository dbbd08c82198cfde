"""Runnable code templates: package data files filled with the user's answers.

Templates are ``advisor/templates/<id>.py.tmpl`` files in `string.Template`
syntax (``${concurrency}``; a literal dollar is ``$$``). `catalog.yaml` beside
them gives each template a suggested file name and defaults for values the
path may not have asked, so every template renders from any leaf.

Each template is one program in English; other languages translate its
comments and docstrings only (``<lang>.yaml`` beside the templates), so the
code a zh-TW reader gets is the same code, explained in Chinese, and there is
no second copy of it to drift.
"""

from __future__ import annotations

import os
import string
from collections.abc import Mapping, Sequence
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from advisor import datafiles
from advisor.errors import AdvisorError
from advisor.models import AnswerValue

if TYPE_CHECKING:
    import ast

TEMPLATES_DIR = datafiles.path(__file__, "templates")
_SUFFIX = ".py.tmpl"


def _read(name: str) -> str:
    with open(os.path.join(TEMPLATES_DIR, name), encoding="utf-8") as handle:
        return handle.read()


@lru_cache(maxsize=1)
def catalog() -> Mapping[str, Mapping[str, Any]]:
    """Template id -> {filename, defaults}."""
    data: Mapping[str, Mapping[str, Any]] = datafiles.load(__file__, "templates", "catalog.yaml")
    return data


def template_ids() -> tuple[str, ...]:
    """Every template shipped with the package, by file, without parsing the catalog."""
    names = os.listdir(TEMPLATES_DIR)
    return tuple(sorted(name[: -len(_SUFFIX)] for name in names if name.endswith(_SUFFIX)))


def script_template_ids() -> tuple[str, ...]:
    """The template files that are scripts: every file no catalog entry names as the form
    of another template for some program kind (a service app, a GUI program)."""
    variants = {
        str(v)
        for entry in catalog().values()
        for key in ("programs", "frameworks")
        for v in (entry.get(key) or {}).values()
    }
    return tuple(t for t in template_ids() if t not in variants)


#: The program kinds `--program` names; a template's catalog entry maps each kind whose
#: code differs to the template that fits it (a notebook cannot call asyncio.run(), a GUI
#: callback must not wait, a service owns its pool for its whole life).
PROGRAMS = ("script", "service", "gui", "notebook")


def variant_for(template_id: str, program: object) -> str:
    """The template to emit for *template_id* in a *program* of that kind.

    A kind the catalog does not map (or an answer that is not a kind, from a custom
    tree) keeps the template itself: the script form is the one every leaf has.
    """
    programs = catalog().get(template_id, {}).get("programs") or {}
    chosen = programs.get(program) if isinstance(program, str) else None
    return str(chosen) if chosen else template_id


def framework_variant(template_id: str, frameworks: Sequence[str]) -> tuple[str, str | None]:
    """The form of *template_id* for the framework the user's code is built on, and that
    framework's name; *template_id* itself and None when no form fits.

    *frameworks* are the frameworks the evidence names for the program (`scan --recommend`).
    A form is chosen only when one mapped framework is named and no other, servers that run
    it aside (the catalog's ``frameworks_with``: server -> the frameworks it runs, gunicorn
    for a WSGI app, uvicorn for Starlette's): an app that also imports FastAPI gets the
    FastAPI form, since advisor cannot tell which of the two serves the work, and so does a
    Django app under uvicorn (ASGI, where its sync views would share one thread).
    """
    entry = catalog().get(template_id, {})
    mapped = entry.get("frameworks") or {}
    servers: Mapping[str, Sequence[str]] = entry.get("frameworks_with") or {}
    # A bot fed by a web framework (a telebot webhook on a Flask route, a Starlette webhook
    # under uvicorn): the bot's form, whatever server runs the side door.
    over: Mapping[str, Sequence[str]] = entry.get("frameworks_over") or {}
    feeding = {f for bot in frameworks for f in over.get(bot, ())}
    named = dict.fromkeys(f for f in frameworks if f not in servers and f not in feeding)
    if len(named) != 1:
        return template_id, None
    (name,) = named
    runs_it = all(name in servers[f] for f in frameworks if f in servers and f not in feeding)
    if name not in mapped or not runs_it:
        return template_id, None
    return framework_form(template_id, name)


def framework_names() -> tuple[str, ...]:
    """Every framework some template has a form for (the catalog's ``frameworks:``): the
    names `--framework` takes, so a name no template knows is refused, not ignored."""
    names = {str(n) for entry in catalog().values() for n in entry.get("frameworks") or {}}
    return tuple(sorted(names))


def framework_name(text: str) -> str:
    """*text* as the catalog spells that framework (``flask`` -> ``Flask``), or *text* itself
    when no template knows it: argparse's choices then refuse it, listing the known ones.

    A name the evidence spells by its module (``aiohttp.web``) is also known by its package
    (``aiohttp``), the word a user types, when no other framework shares that package."""
    names = framework_names()
    packages: dict[str, list[str]] = {}
    for name in names:
        packages.setdefault(name.partition(".")[0].casefold(), []).append(name)
    known = {key: found[0] for key, found in packages.items() if len(found) == 1}
    known.update({name.casefold(): name for name in names})
    return known.get(text.casefold(), text)


def framework_form(template_id: str, name: str) -> tuple[str, str | None]:
    """The form of *template_id* for the framework the user named (`--framework`), and that
    name; *template_id* itself and None when the catalog has no such form for it."""
    mapped = catalog().get(template_id, {}).get("frameworks") or {}
    chosen = mapped.get(name)
    return (str(chosen), name) if chosen else (template_id, None)


def unformed(template_id: str, frameworks: Sequence[str]) -> tuple[str, ...]:
    """The frameworks the code is built on that *template_id* is neither a form of nor
    written for (the catalog's ``written_for``): the user is told the template is the generic
    one, not left to find a FastAPI app in their Streamlit project (newcomer review 25).
    Empty for a template that names no ``written_for`` (a framework's own form)."""
    entry = catalog().get(template_id, {})
    written_for = entry.get("written_for")
    if not written_for:
        return ()
    mapped = entry.get("frameworks") or {}
    if any(f in written_for or f in mapped for f in frameworks):
        return ()
    return tuple(dict.fromkeys(frameworks))


def framework_note(template_id: str) -> str:
    """The UI text that says why a framework's form was emitted: the form's own
    (``framework_note`` in the catalog: the plain WSGI form several frameworks share says
    where its docstring routes to it), else the one every framework form uses."""
    note = catalog().get(template_id, {}).get("framework_note")
    return str(note) if note else "tailored_template_framework"


def notebook_source(template_id: str) -> str | None:
    """The script template a notebook form is derived from (its catalog entry's
    ``notebook_of``), or None for a template that is a file of its own."""
    source = catalog().get(template_id, {}).get("notebook_of")
    return str(source) if source else None


def filename_for(template_id: str) -> str:
    entry = catalog().get(template_id, {})
    return str(entry.get("filename", f"{template_id.replace('+', '_')}_example.py"))


def context_for(template_id: str, answers: Mapping[str, AnswerValue]) -> dict[str, AnswerValue]:
    """The values a template is filled with: its defaults, overridden by the answers."""
    defaults = catalog().get(notebook_source(template_id) or template_id, {}).get("defaults") or {}
    context: dict[str, AnswerValue] = dict(defaults)
    context.update(answers)
    return context


def _literal(key: str, value: object) -> str:
    """A Python literal for an answer; only the three answer types, as their plain types.

    An ``IntEnum`` member would otherwise print as ``<Conns.PEAK: 500>`` and a str
    subclass could carry its own ``__repr__``: neither compiles.
    """
    if isinstance(value, bool):
        return repr(bool(value))
    if isinstance(value, int):
        return repr(int(value))
    if isinstance(value, str):
        return repr(str(value))
    kind = type(value).__name__
    raise AdvisorError(
        f"template value {key!r} is a {kind}; answers are booleans, integers or strings",
        key="template_value_type",
        name=repr(key),
        kind=kind,
    )


def comment_line(text: str) -> str:
    """*text* as one line of a ``#`` comment: a newline (or any control character) would end
    the comment and put the rest of the text into the code, so those are escaped."""
    line = "".join(
        ch if ch.isprintable() else ch.encode("unicode_escape", "backslashreplace").decode("ascii")
        for ch in text
    )
    return line if line.startswith("#") else f"# {line}"


@lru_cache(maxsize=4)
def translations(lang: str) -> Mapping[str, Mapping[str, str]]:
    """{"module_docstrings": {id: text}, "phrases": {English: translation}} for *lang*."""
    name = f"{lang}.yaml"
    if lang == "en" or not os.path.isfile(os.path.join(TEMPLATES_DIR, name)):
        return {"module_docstrings": {}, "phrases": {}}
    data: Mapping[str, Mapping[str, str]] = datafiles.load(__file__, "templates", name)
    return data


def _docstring(node: object) -> ast.Expr | None:
    """The docstring statement of a module, class or function, if it has one."""
    import ast

    if not isinstance(node, (ast.Module, ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
        return None
    first = node.body[0] if node.body else None
    if (
        isinstance(first, ast.Expr)
        and isinstance(first.value, ast.Constant)
        and isinstance(first.value.value, str)
    ):
        return first
    return None


def translate(template_id: str, code: str, lang: str) -> str:
    """Replace the comments and docstrings of rendered *code* with their *lang* texts.

    Tokens, not text search: a phrase that also appears inside a string the
    program prints stays as it is. Anything without a translation stays English.
    """
    import ast
    import io
    import tokenize

    table = translations(lang)
    phrases = table.get("phrases") or {}
    module_doc = (table.get("module_docstrings") or {}).get(template_id)
    docstrings: set[tuple[int, int]] = set()
    module_start: tuple[int, int] | None = None
    tree = ast.parse(code)
    for node in ast.walk(tree):
        doc = _docstring(node)
        if doc is not None:
            docstrings.add((doc.lineno, doc.col_offset))
            if node is tree:
                module_start = (doc.lineno, doc.col_offset)
    lines = code.splitlines(keepends=True)
    edits: list[tuple[tuple[int, int], tuple[int, int], str]] = []
    for tok in tokenize.generate_tokens(io.StringIO(code).readline):
        if tok.type == tokenize.COMMENT:
            marker = "#: " if tok.string.startswith("#: ") else "# "
            body = tok.string[len(marker) :]
            if body in phrases:
                edits.append((tok.start, tok.end, marker + phrases[body]))
        elif tok.type == tokenize.STRING and tok.start in docstrings:
            quote = tok.string[:3]
            body = tok.string[3:-3]
            if tok.start == module_start and module_doc:
                edits.append((tok.start, tok.end, f"{quote}{module_doc}{quote}"))
            elif body in phrases:
                edits.append((tok.start, tok.end, f"{quote}{phrases[body]}{quote}"))
    for (srow, scol), (erow, ecol), text in reversed(edits):
        head = lines[srow - 1][:scol]
        tail = lines[erow - 1][ecol:]
        lines[srow - 1 : erow] = [head + text + tail]
    return "".join(lines)


def render(
    template_id: str, context: Mapping[str, AnswerValue], header: str = "", lang: str = "en"
) -> str:
    """Fill one template; values are written as Python literals, texts in *lang*.

    A notebook form (`notebook_source`) is its script, filled, then laid out in cells by
    `advisor.notebook_layout`: the percent-format text, its companion module included."""
    source_id = notebook_source(template_id)
    if source_id is not None:
        from advisor import notebook_layout

        script = render(source_id, context, header=header, lang=lang)
        module = notebook_layout.module_for(filename_for(template_id))
        notebook = notebook_layout.build(script, source_id, lang, module)
        return notebook_layout.percent(notebook, writefile=True)
    try:
        source = _read(template_id + _SUFFIX)
    except FileNotFoundError as exc:
        known = ", ".join(template_ids())
        raise AdvisorError(
            f"unknown template {template_id!r}; known: {known}",
            key="unknown_template",
            name=repr(template_id),
            known=known,
        ) from exc
    values = {key: _literal(key, value) for key, value in context.items()}
    values["header"] = "\n".join(comment_line(line) for line in header.splitlines())
    try:
        code = string.Template(source).substitute(values)
    except (KeyError, ValueError) as exc:
        raise AdvisorError(
            f"template {template_id!r} needs a value it was not given: {exc}; "
            "add it to the template's defaults in catalog.yaml",
            key="template_value_missing",
            name=repr(template_id),
            value=str(exc),
        ) from exc
    return code if lang == "en" else translate(template_id, code, lang)


@lru_cache(maxsize=16)
def _imports(template_id: str) -> tuple[tuple[str, str], ...]:
    """(top-level module, the import statement) for every import in a template's code."""
    import ast

    code = render(template_id, context_for(template_id, {}))
    found: list[tuple[str, str]] = []
    for node in ast.walk(ast.parse(code)):
        if isinstance(node, ast.Import):
            found += [(a.name.partition(".")[0], f"import {a.name}") for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            found.append((node.module.partition(".")[0], ast.unparse(node)))
    return tuple(found)


def _stdlib_names() -> frozenset[str]:
    import sys

    return frozenset(getattr(sys, "stdlib_module_names", ()))


def stdlib_imports(template_ids: tuple[str, ...]) -> frozenset[str]:
    """The standard-library modules the templates import directly, read from their code."""
    stdlib = _stdlib_names()
    return frozenset(
        module for tid in template_ids for module, _ in _imports(tid) if module in stdlib
    )


#: Runs the templates' standard-library imports in a fresh, isolated interpreter (-I: no
#: current folder, no user site, no PYTHON* variables) and prints what they loaded beyond
#: the interpreter's own start-up, which nothing next to a script can replace.
_PROBE = """import sys
before = set(sys.modules)
for statement in sys.argv[1:]:
    try:
        exec(statement, {})
    except Exception:
        pass
print(" ".join(sorted({m.partition(".")[0] for m in set(sys.modules) - before})))
"""


@lru_cache(maxsize=4)
def _loaded_by(statements: tuple[str, ...]) -> frozenset[str]:
    import subprocess
    import sys

    try:
        probe = subprocess.run(  # our interpreter, running standard-library imports only
            [sys.executable, "-I", "-c", _PROBE, *statements],
            capture_output=True,
            text=True,
            timeout=60,
            check=True,
        )
    except (OSError, subprocess.SubprocessError):
        return frozenset()  # the direct imports are still checked
    return frozenset(probe.stdout.split())


def shadows_stdlib(name: str, template_ids: tuple[str, ...]) -> bool:
    """Whether a script saved as ``<name>.py`` would import itself instead of a standard
    module it needs, directly (``asyncio.py``) or through one (``queue.py``, which
    concurrent.futures imports): Python puts the script's folder first on sys.path.
    The set comes from the templates' own import statements; only names of standard
    modules cost the probe."""
    import sys

    stdlib = _stdlib_names()
    if name not in stdlib or name in sys.builtin_module_names:
        return False  # compiled into the interpreter: found before any folder on sys.path
    if name in stdlib_imports(template_ids):
        return True
    statements = sorted(
        {code for tid in template_ids for module, code in _imports(tid) if module in stdlib}
    )
    return name in _loaded_by(tuple(statements))
