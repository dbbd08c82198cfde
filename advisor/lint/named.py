"""Whether a file named on the command line without an extension is certainly not Python.

`advisor scan $(git diff --name-only)` names every changed file: a ``Makefile``, a
``Dockerfile``, a ``.gitignore`` or a ``#!/bin/sh`` script was parsed as Python and reported as
"cannot parse: line 1: invalid syntax (a syntax error ...)", failing CI on a file advisor has no
business reading (new-user review 16). A ``README.md`` was already refused by its extension
(`discover.refused_name`); these have none, so their name or their ``#!`` line decides. An
extensionless file with a Python ``#!``, or with no ``#!`` and no well-known name (a
``bin/deploy`` run as ``python bin/deploy``), is still read as Python.
"""

from __future__ import annotations

import os

#: Extensionless names that are never Python source (SCons' ``SConstruct`` is, so it is not
#: here), compared case-insensitively.
_NOT_PYTHON_NAMES = frozenset(
    name.lower()
    for name in (
        "Makefile",
        "GNUmakefile",
        "Dockerfile",
        "Containerfile",
        "Jenkinsfile",
        "Vagrantfile",
        "Procfile",
        "Gemfile",
        "Rakefile",
        "Brewfile",
        "Justfile",
        "Pipfile",
        "Caddyfile",
        "LICENSE",
        "LICENCE",
        "COPYING",
        "NOTICE",
        "AUTHORS",
        "CONTRIBUTORS",
        "CHANGELOG",
        "CHANGES",
        "README",
        "CODEOWNERS",
        "MANIFEST",
        ".gitignore",
        ".gitattributes",
        ".gitmodules",
        ".gitkeep",
        ".mailmap",
        ".dockerignore",
        ".editorconfig",
        ".env",
        ".envrc",
        ".flake8",
        ".pylintrc",
        ".coveragerc",
        ".python-version",
        ".nvmrc",
        ".npmrc",
    )
)


def not_python_detail(abspath: str, given: str) -> str | None:
    """What the named extensionless file at *abspath* is instead of Python (its name, or its
    ``#!`` line), shown as the skip's detail in both languages; None to read it as Python.
    A ``#!`` line is returned whatever it runs: the caller, which owns the Python ``#!``
    pattern (`discover.python_script`), keeps the file when that line runs Python."""
    base = os.path.basename(given.rstrip("/\\"))
    if os.path.splitext(base)[1]:
        return None  # an extension: `refused_name` decides
    if base.lower() in _NOT_PYTHON_NAMES:
        return base
    try:
        with open(abspath, "rb") as handle:
            head = handle.read(256)
    except OSError:
        return None  # reading it again says why, as for any other file
    first = head.split(b"\n", 1)[0].rstrip(b"\r")
    if not first.startswith(b"#!"):
        return None
    line = first.decode("utf-8", errors="replace").strip()
    return line if len(line) <= 60 else line[:59] + "…"
