"""Jinja templates shipped as ``.py`` files (cookiecutter and copier project templates): checked
when they are Python with their tags blanked, named as templates when they are not.

A project template (crawlee's ``project_template/``, a ``{{cookiecutter.project_name}}``
folder) holds the code every generated project starts from, so a blocking call in it is a
blocking call in each of them: where the file is Python once its tags are blanked, it is
checked. Blanking keeps every line where it was: a line that holds only tags (``{% if %}``,
``{{ '' }}``) becomes an empty line; an expression inside a line (``{{ name }}``) becomes a
name of the same length; an inline statement or comment becomes spaces. Both branches of an
``{% if %}`` are then read, as a reader of the template reads them.

A template whose structure is made by its tags (blocks filled in by another file, code
re-indented by a filter) does not parse that way. It is a template, not Python source: its
maintainers exclude it from their linters (crawlee's ``extend-exclude``) and test what it
renders. `advisor scan` says so in every format, apart from the files it could not read; it
is called a template only inside a project template (a folder named with ``{{``, or under a
folder holding ``cookiecutter.json`` or ``copier.yml``), so a real syntax error elsewhere
stays a syntax error.
"""

from __future__ import annotations

import os
import re

#: A Jinja expression, statement or comment on one line.
_TAG = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}")
#: Files that make their folder a project template.
TEMPLATE_MARKERS = ("cookiecutter.json", "copier.yml", "copier.yaml")


def has_tags(text: str) -> bool:
    """Whether *text* holds a Jinja tag (the cheap test before blanking)."""
    return ("{{" in text or "{%" in text) and _TAG.search(text) is not None


def blank(text: str) -> str:
    """*text* with its Jinja tags blanked, every line and column where it was."""
    out: list[str] = []
    for line in text.split("\n"):
        if "{" not in line:
            out.append(line)
            continue
        if not _TAG.sub("", line).strip():
            out.append("")
            continue
        out.append(_TAG.sub(_placeholder, line))
    return "\n".join(out)


def _placeholder(match: re.Match[str]) -> str:
    tag = match.group(0)
    return "_" * len(tag) if tag.startswith("{{") else " " * len(tag)


class Places:
    """Whether a file lies in a project template, each folder looked at once."""

    def __init__(self) -> None:
        self.folders: dict[str, bool] = {}

    def holds(self, abspath: str) -> bool:
        return self._folder(os.path.dirname(abspath))

    def _folder(self, folder: str) -> bool:
        known = self.folders.get(folder)
        if known is not None:
            return known
        name = os.path.basename(folder)
        parent = os.path.dirname(folder)
        found = (
            "{{" in name
            or "{%" in name
            or any(os.path.isfile(os.path.join(folder, m)) for m in TEMPLATE_MARKERS)
            or (parent != folder and self._folder(parent))
        )
        self.folders[folder] = found
        return found
