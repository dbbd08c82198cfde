"""Runnable code templates: package data files filled with the user's answers.

Templates are ``advisor/templates/<id>.py.tmpl`` files in `string.Template`
syntax (``${concurrency}``; a literal dollar is ``$$``). `catalog.yaml` beside
them gives each template a suggested file name and defaults for values the
path may not have asked, so every template renders from any leaf.
"""

from __future__ import annotations

import os
import string
from collections.abc import Mapping
from functools import lru_cache
from typing import Any

from advisor.errors import AdvisorError
from advisor.models import AnswerValue

TEMPLATES_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "templates")
_SUFFIX = ".py.tmpl"


def _read(name: str) -> str:
    with open(os.path.join(TEMPLATES_DIR, name), encoding="utf-8") as handle:
        return handle.read()


@lru_cache(maxsize=1)
def catalog() -> Mapping[str, Mapping[str, Any]]:
    """Template id -> {filename, defaults}."""
    from advisor import yamlio

    path = os.path.join(TEMPLATES_DIR, "catalog.yaml")
    data: Mapping[str, Mapping[str, Any]] = yamlio.load_data(path)
    return data


def template_ids() -> tuple[str, ...]:
    """Every template shipped with the package, by file, without parsing the catalog."""
    names = os.listdir(TEMPLATES_DIR)
    return tuple(sorted(name[: -len(_SUFFIX)] for name in names if name.endswith(_SUFFIX)))


def filename_for(template_id: str) -> str:
    entry = catalog().get(template_id, {})
    return str(entry.get("filename", f"{template_id.replace('+', '_')}_example.py"))


def context_for(template_id: str, answers: Mapping[str, AnswerValue]) -> dict[str, AnswerValue]:
    """The values a template is filled with: its defaults, overridden by the answers."""
    defaults = catalog().get(template_id, {}).get("defaults") or {}
    context: dict[str, AnswerValue] = dict(defaults)
    context.update(answers)
    return context


def render(template_id: str, context: Mapping[str, AnswerValue], header: str = "") -> str:
    """Fill one template; values are written as Python literals."""
    try:
        source = _read(template_id + _SUFFIX)
    except FileNotFoundError as exc:
        known = ", ".join(template_ids())
        raise AdvisorError(f"unknown template {template_id!r}; known: {known}") from exc
    values = {key: repr(value) for key, value in context.items()}
    values["header"] = header
    try:
        return string.Template(source).substitute(values)
    except (KeyError, ValueError) as exc:
        raise AdvisorError(
            f"template {template_id!r} needs a value it was not given: {exc}; "
            "add it to the template's defaults in catalog.yaml"
        ) from exc


@lru_cache(maxsize=16)
def _imports(template_id: str) -> frozenset[str]:
    import ast

    code = render(template_id, context_for(template_id, {}))
    names: set[str] = set()
    for node in ast.walk(ast.parse(code)):
        if isinstance(node, ast.Import):
            names.update(alias.name.partition(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            names.add(node.module.partition(".")[0])
    return frozenset(names)


def stdlib_imports(template_ids: tuple[str, ...]) -> frozenset[str]:
    """The standard-library modules the templates import, read from their code: a script
    saved under one of these names would import itself instead."""
    import sys

    stdlib = frozenset(getattr(sys, "stdlib_module_names", ()))
    found: set[str] = set()
    for template_id in template_ids:
        found |= _imports(template_id)
    return frozenset(name for name in found if name in stdlib)
