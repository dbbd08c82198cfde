"""Newcomer #5, re-checked: `--emit FILE --force` keeps the replaced file's permissions, as
`convert --write` does."""

from __future__ import annotations

import stat
from pathlib import Path

from tests.helpers import run_advisor


def test_emit_force_keeps_the_files_mode(tmp_path: Path) -> None:
    target = tmp_path / "ro.py"
    target.write_text("# mine\n")
    for mode in (0o444, 0o640):
        target.chmod(mode)
        result = run_advisor(
            "recommend", "--cpu-bound", "no", "--concurrency", "5", "--shared-memory", "no",
            "--emit", "ro.py", "--force", cwd=tmp_path,
        )  # fmt: skip
        assert result.code == 0, result.err
        assert stat.S_IMODE(target.stat().st_mode) == mode
        assert "import" in target.read_text()
