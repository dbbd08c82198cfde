"""Every error a user can see speaks both languages: each ``raise <AdvisorError subclass>(...)``
in advisor/ carries a ``key=`` whose zh-TW template exists and uses only the params given.

Found with `ast`, so a new raise without a key fails here before a zh-TW user meets it in
English (mechanism 2 of docs/architecture-i18n.md).
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from pathlib import Path

import yaml

from tests.helpers import ROOT

PACKAGE = ROOT / "advisor"
CATALOGUE = yaml.safe_load((PACKAGE / "texts" / "errors.zh-TW.yaml").read_text(encoding="utf-8"))

#: Raised without a key, on purpose.
NEEDS_NO_KEY = {
    # a Python caller's wrong argument type, like TypeError itself: never raised on a CLI path
    "InvalidArgumentError": "library only",
    # the reader went away; nothing is printed at all
    "BrokenPipe": "silent",
}


def _trees() -> dict[Path, ast.Module]:
    return {p: ast.parse(p.read_text(encoding="utf-8")) for p in sorted(PACKAGE.rglob("*.py"))}


def _name(node: ast.expr) -> str | None:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return node.attr
    return None


def error_classes(trees: dict[Path, ast.Module]) -> dict[str, ast.ClassDef]:
    """Every class in advisor/ that derives from AdvisorError, by name."""
    found: dict[str, ast.ClassDef] = {}
    classes = [n for t in trees.values() for n in ast.walk(t) if isinstance(n, ast.ClassDef)]
    for cls in classes:
        if cls.name == "AdvisorError":
            found[cls.name] = cls
    grew = True
    while grew:
        grew = False
        for cls in classes:
            if cls.name not in found and any(_name(b) in found for b in cls.bases):
                found[cls.name] = cls
                grew = True
    return found


def _keys(node: ast.expr) -> list[str] | None:
    """The literal keys a ``key=`` value can take ("a", or "a" if ... else "b"); None when
    the key is not literal (a re-raise passing ``key=exc.key`` on)."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node.value]
    if isinstance(node, ast.IfExp):
        body, other = _keys(node.body), _keys(node.orelse)
        return None if body is None or other is None else body + other
    return None


def _is_text(node: ast.expr) -> bool:
    return isinstance(node, ast.JoinedStr) or (
        isinstance(node, ast.Constant) and isinstance(node.value, str)
    )


def _self_keyed(cls: ast.ClassDef) -> list[str]:
    """Keys a class passes to ``super().__init__`` itself (MissingAnswersError, Aborted)."""
    keys: list[str] = []
    for node in ast.walk(cls):
        if isinstance(node, ast.Call) and _name(node.func) == "__init__":
            for kw in node.keywords:
                if kw.arg == "key":
                    found = _keys(kw.value)
                    keys += found or []
                    if isinstance(kw.value, ast.Name):  # key = "a" if ... else "b" above
                        keys += [
                            k
                            for assign in ast.walk(cls)
                            if isinstance(assign, ast.Assign)
                            and any(_name(t) == kw.value.id for t in assign.targets)
                            for k in _keys(assign.value) or []
                        ]
    return keys


class Site:
    def __init__(self, path: Path, raise_: ast.Raise, call: ast.Call, cls: str) -> None:
        self.where = f"{path.relative_to(ROOT)}:{raise_.lineno} {cls}"
        self.path, self.call, self.cls = path, call, cls
        self.kw = {kw.arg: kw.value for kw in call.keywords if kw.arg is not None}
        self.spread = any(kw.arg is None for kw in call.keywords)  # **params


def sites() -> Iterator[Site]:
    trees = _trees()
    classes = error_classes(trees)
    for path, tree in trees.items():
        for node in ast.walk(tree):
            if isinstance(node, ast.Raise) and isinstance(node.exc, ast.Call):
                cls = _name(node.exc.func)
                if cls in classes:
                    yield Site(path, node, node.exc, cls)


def _placeholders(text: str) -> set[str]:
    return set(re.findall(r"{(\w+)}", text))


def problems() -> list[str]:
    classes = error_classes(_trees())
    self_keyed = {name: _self_keyed(cls) for name, cls in classes.items()}
    bad: list[str] = []
    for site in sites():
        if site.cls in NEEDS_NO_KEY:
            continue
        if "key" not in site.kw:
            own = self_keyed.get(site.cls) or []
            message = site.call.args[0] if site.call.args else None
            # a class that keys itself, raised without an English text of its own
            if own and not (message is not None and _is_text(message)):
                missing = [k for k in own if k not in CATALOGUE]
                bad += [f"{site.where}: no zh-TW template for {k!r}" for k in missing]
                continue
            bad.append(f"{site.where}: no key=")
            continue
        value = site.kw["key"]
        if isinstance(value, ast.Constant) and value.value is None:
            # key=None: the text is already in the user's language. Only the CLI knows
            # the language when it raises, so only the CLI may say so.
            if not site.path.is_relative_to(PACKAGE / "cli"):
                bad.append(f"{site.where}: key=None outside advisor/cli")
            continue
        keys = _keys(value)
        if keys is None:
            continue  # a re-raise passing an error's own key and params on
        given = set(site.kw) - {"key"}
        for key in keys:
            if key not in CATALOGUE:
                bad.append(f"{site.where}: no zh-TW template for {key!r}")
            elif not site.spread and not _placeholders(CATALOGUE[key]) <= given:
                extra = sorted(_placeholders(CATALOGUE[key]) - given)
                bad.append(f"{site.where}: {key!r} uses {extra}, not given at the raise")
    return bad


def test_the_probe_sees_the_raises():
    found = list(sites())
    assert len(found) > 100
    assert any(s.cls == "AnswersFileError" for s in found)
    assert "NotebookError" in error_classes(_trees())  # a subclass defined outside errors.py


def test_every_raised_error_has_a_zh_tw_template_with_its_params():
    assert problems() == []


def test_templates_name_only_params_some_raise_gives():
    """A placeholder no raise gives would show as English fallback forever."""
    given: dict[str, set[str]] = {}
    spread: set[str] = set()  # raised with **params somewhere: not checkable here
    for site in sites():
        if "key" in site.kw:
            for key in _keys(site.kw["key"]) or []:
                given.setdefault(key, set()).update(set(site.kw) - {"key"})
                if site.spread:
                    spread.add(key)
    for key, names in given.items():
        if key in CATALOGUE and key not in spread:
            assert _placeholders(CATALOGUE[key]) <= names | {"where"}, key


def keyed_texts() -> Iterator[tuple[str, str | None, set[str]]]:
    """Every ``YAMLFileError(...)`` and ``KeyedText(...)`` built in advisor/: not errors a
    user sees directly, but texts passed on as a param of one, so they need a template too.
    Yields where, the literal key (None when not literal) and the params given."""
    for path, tree in _trees().items():
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and _name(node.func) in ("YAMLFileError", "KeyedText"):
                where = f"{path.relative_to(ROOT)}:{node.lineno} {_name(node.func)}"
                kw = {k.arg: k.value for k in node.keywords if k.arg is not None}
                key = kw.get("key")
                if key is None and len(node.args) > 1:  # KeyedText(english, "key", ...)
                    key = node.args[1]
                literal = key.value if isinstance(key, ast.Constant) else None
                yield where, literal, set(kw) - {"key"}


def test_yaml_problems_have_zh_tw_templates_with_their_params():
    found = list(keyed_texts())
    assert sum(1 for where, _, _ in found if "yamlio.py" in where) >= 15
    bad = []
    for where, key, given in found:
        if key is None:
            continue  # YAMLFileError.text passing the error's own key and params on
        if key not in CATALOGUE:
            bad.append(f"{where}: no zh-TW template for {key!r}")
        elif not _placeholders(CATALOGUE[key]) <= given:
            bad.append(f"{where}: {key!r} uses {sorted(_placeholders(CATALOGUE[key]) - given)}")
    assert bad == []


def test_argparse_errors_have_zh_tw_templates_with_their_params():
    """`cli/_help.Parser.error` raises from a table (key=key), which the ast probe above
    cannot read: each row's key needs a template that uses only its groups' names and prog,
    and each pattern has as many groups as names."""
    from advisor.cli._help import _ARGPARSE_ERRORS

    assert len(_ARGPARSE_ERRORS) >= 7
    for pattern, key, names in _ARGPARSE_ERRORS:
        assert re.compile(pattern).groups == len(names), key
        assert key in CATALOGUE, key
        assert _placeholders(CATALOGUE[key]) <= {*names, "prog"}, key
