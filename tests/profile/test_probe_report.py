"""The probe's report is whole whenever `advisor profile` reads it, however many threads write it."""

from __future__ import annotations

import subprocess
import sys

from tests.helpers import FIXTURES, ROOT, clean_env

PROBE = ROOT / "advisor" / "profiler" / "probe"


def test_concurrent_writes_leave_a_report_that_is_always_json(tmp_path):
    proc = subprocess.run(
        [sys.executable, str(FIXTURES / "profile" / "probe_writers.py"), str(PROBE), str(tmp_path)],
        capture_output=True, text=True, env=clean_env(), timeout=60, check=False,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == "0\n"
    assert [p.name for p in tmp_path.iterdir()] == [next(tmp_path.glob("probe-*.json")).name]
