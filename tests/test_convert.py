"""`advisor.convert` as a library: refusals (data-driven), the call graph across files,
target versions, --prefer, the public API, and the safety net under every output."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

import advisor
from advisor import yamlio
from advisor.errors import ConvertError

FIXTURES = Path(__file__).parent / "fixtures" / "convert"
REFUSALS = yamlio.load_path(FIXTURES / "refusals.yaml")


@pytest.mark.parametrize("case", REFUSALS, ids=[c["name"] for c in REFUSALS])
def test_refused_and_untouched(case: dict, tmp_path: Path) -> None:
    program = tmp_path / "program.py"
    program.write_text(case["code"], encoding="utf-8")
    result = advisor.convert([program], target_version="3.11")
    assert [(r.line, r.reason) for r in result.refusals] == [(case["line"], case["reason"])]
    assert result.files[0].after == case["code"]
    assert not result.changes
    message = result.refusals[0].message
    assert message.get("en") and message.get("zh-TW") and message.get("en") != message.get("zh-TW")
