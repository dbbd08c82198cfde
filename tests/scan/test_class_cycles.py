"""Classes whose bases lead back to themselves are checked, not skipped (issue 17, "never skip").

A package's errors module may shadow a builtin and derive from it by the same name
(``class ValueError(AppError, ValueError)``, as upsies 2026.10.14's ``errors.py`` does): in the
scan's facts the class names itself as a base. Code that cannot run may name two classes as
each other's base. Every walk up the bases must stop at a class met again; a walk that did not
made the whole file "code nested too deeply to analyse" (the module was left unchecked).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.helpers import clean_env, run_advisor

#: Shapes of base lists that lead back to the class, each with a coroutine method called
#: without await from another module (the finding the user must still see).
SHAPES = {
    "shadows_the_builtin_it_derives_from": """
class AppError(Exception):
    def describe(self):
        return "app"


class ValueError(AppError, ValueError):
    pass


class Job:
    async def go(self):
        return ValueError("x")
""",
    "two_classes_name_each_other": """
class Job(Other):  # noqa: F821
    pass


class Other(Job):
    async def go(self):
        return None
""",
    "generic_base_names_the_class": """
from typing import Generic, TypeVar

T = TypeVar("T")


class Holder(Generic[T]):
    item: T


class Job(Holder["Job"], Job):  # noqa: F821
    async def go(self):
        return self.item
""",
}

USE = """
from app.model import Job


async def main():
    job = Job()
    job.go()
"""


@pytest.mark.parametrize("source", SHAPES.values(), ids=list(SHAPES))
def test_a_class_whose_bases_lead_back_to_it_is_checked(tmp_path: Path, source: str) -> None:
    package = tmp_path / "app"
    package.mkdir()
    (package / "__init__.py").write_text("")
    (package / "model.py").write_text(source.lstrip())
    (package / "use.py").write_text(USE.lstrip())
    env = clean_env(ADVISOR_CACHE_DIR=str(tmp_path / "cache"))
    result = run_advisor("scan", "--format", "json", ".", cwd=tmp_path, env=env)
    report = json.loads(result.out)
    assert report["skipped"] == [], result.err
    assert report["unchecked"] == 0
    assert report["checked"] == 3
    found = [(f["path"], f["line"], f["code"]) for f in report["findings"]]
    assert ("app/use.py", 6, "ADV102") in found
    assert result.code == 1
