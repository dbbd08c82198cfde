"""The `profile --recommend` half of newcomer #45, re-checked: without a terminal, a missing
answer is said in the user's language and names the command that takes it."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.helpers import clean_env


def test_a_missing_answer_names_profile_recommend_in_either_language(tmp_path: Path) -> None:
    for lang, words in (("en", "flags of `advisor profile --recommend`"), ("zh-TW", "仍需要")):
        proc = subprocess.run(
            [sys.executable, "-m", "advisor", "profile", "--lang", lang, "--recommend",
             "--cpu-bound", "no", "--concurrency", "5", "--", sys.executable, "-c", "pass"],
            capture_output=True, text=True, env=clean_env(), cwd=tmp_path, timeout=120,
            stdin=subprocess.DEVNULL, check=False,
        )  # fmt: skip
        # Answers still needed: exit 2, as `scan --recommend` (newcomer review 25, #21).
        assert proc.returncode == 2, proc.stderr
        note = proc.stderr.strip().splitlines()[-1]
        assert words in note, note
        assert "--shared-memory" in note
        assert "advisor profile --recommend" in note
        assert "advisor ask" not in note
        if lang == "zh-TW":
            assert "pass the flags" not in note
