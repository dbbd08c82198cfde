"""Golden before/after fixtures for `advisor convert`, one folder per case.

Each ``tests/fixtures/convert/<case>/`` holds ``before.py``, ``after.py`` and ``case.yaml``
(options, the expected rule codes in line order, the expected refusals, and how to run it).
Every output must equal ``after.py``, compile, carry none of the pitfalls a conversion could
introduce, and — where the case is runnable — print the same as the original when both run
in subprocesses (local files in a temporary folder, a loopback HTTP server; no network).
"""

from __future__ import annotations

import http.server
import shutil
import subprocess
import sys
import threading
from collections import Counter
from pathlib import Path
from typing import Any, ClassVar

import pytest

import advisor
from advisor import yamlio
from advisor.lint.analyse import check_text
from tests.helpers import FIXTURES

CASES = FIXTURES / "convert"
NAMES = sorted(p.name for p in CASES.iterdir() if (p / "case.yaml").is_file())


def load(name: str) -> dict:
    return yamlio.load_path(CASES / name / "case.yaml")


def convert_case(name: str, tmp_path: Path) -> tuple[dict, advisor.ConversionResult, Path]:
    case = load(name)
    program = tmp_path / "program.py"
    shutil.copy(CASES / name / "before.py", program)
    options = case.get("options", {})
    result = advisor.convert(
        [program], target_version=options.get("target_version"), prefer=options.get("prefer")
    )
    return case, result, program


@pytest.mark.parametrize("name", NAMES)
def test_golden(name: str, tmp_path: Path) -> None:
    case, result, program = convert_case(name, tmp_path)
    expected = (CASES / name / "after.py").read_text(encoding="utf-8")
    (converted,) = result.files
    assert converted.after == expected
    assert [f"{c.line} {c.code}" for c in converted.changes] == case["changes"]
    refusals = [{"line": r.line, "reason": r.reason} for r in result.refusals]
    assert refusals == case.get("refusals", [])
    compile(converted.after, str(program), "exec", dont_inherit=True)
    found = [f for f in check_text(str(program), converted.after) if not _own_client(f)]
    assert found == []  # the linter's ADV101 and ADV102
    assert program.read_text(encoding="utf-8") == converted.before  # nothing written


def test_every_rule_has_a_golden_fixture() -> None:
    from advisor.rules import all_rules

    seen = {change.split()[1] for name in NAMES for change in load(name)["changes"]}
    assert seen == set(all_rules("rewrite"))


class _Pages(http.server.BaseHTTPRequestHandler):
    pages: ClassVar[dict[str, str]] = {}

    def do_GET(self) -> None:
        body = self.pages.get(self.path)
        if body is None:
            self.send_error(404)
            return
        data = body.encode()
        self.send_response(200)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture
def pages_server():
    """A loopback HTTP server for the crawler cases; stopped also when the test fails."""
    servers: list[http.server.ThreadingHTTPServer] = []

    def start(pages: dict[str, str]) -> str:
        handler = type("Pages", (_Pages,), {"pages": pages})
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return f"http://127.0.0.1:{server.server_address[1]}"

    yield start
    for server in servers:
        server.shutdown()
        server.server_close()


RUNNABLE = [n for n in NAMES if "run" in load(n)]


@pytest.mark.parametrize("name", RUNNABLE)
def test_same_output(name: str, tmp_path: Path, pages_server) -> None:
    """Original and converted program, run side by side, print the same."""
    case, result, _ = convert_case(name, tmp_path)
    run = case["run"]
    outputs = []
    base = pages_server(run["server"]) if "server" in run else ""
    procs = []
    for label, text in (("before", result.files[0].before), ("after", result.files[0].after)):
        folder = tmp_path / label
        folder.mkdir()
        for file_name, content in run.get("files", {}).items():
            (folder / file_name).write_text(content, encoding="utf-8")
        (folder / "program.py").write_text(text, encoding="utf-8")
        args = [a.format(dir=folder, server=base) for a in run.get("args", [])]
        procs.append(
            subprocess.Popen(
                [sys.executable, str(folder / "program.py"), *args],
                cwd=folder,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
            )
        )
    try:
        for proc in procs:
            out, err = proc.communicate(timeout=60)
            assert proc.returncode == 0, err
            outputs.append(
                out.replace(str(tmp_path / "before"), "").replace(str(tmp_path / "after"), "")
            )
    finally:
        for proc in procs:
            if proc.poll() is None:
                proc.kill()
                proc.wait()
    before, after = outputs
    assert before.strip()
    if run["compare"] == "sorted":
        # Threads print in a racy order, and print() writes its text and its newline
        # separately, so one thread's line can land inside another's: only the printed
        # characters, in sorted order, are comparable.
        before, after = sorted("".join(before.split())), sorted("".join(after.split()))
    assert after == before


#: Pitfalls a conversion could introduce, as `advisor scan` names them: a blocking call in
#: async def, a missing await, await outside async def, asyncio.run inside a coroutine, a
#: task whose reference is dropped.
INTRODUCIBLE = ("ADV101", "ADV102", "ADV103", "ADV104", "ADV106")


def _own_client(finding: Any) -> bool:
    """The httpx client `--prefer httpx` opens around each rewritten call: its SSL context is a
    known cost of that rewrite (`codemod.pipeline._OWN_CLIENT`), not a pitfall left behind."""
    return dict(finding.params).get("fix") == "client_tls"


@pytest.mark.parametrize("name", NAMES)
def test_scan_finds_nothing_convert_introduced(name: str, tmp_path: Path) -> None:
    """Scan the original and the converted program: no introducible pitfall more after."""
    from collections import Counter

    _, result, _ = convert_case(name, tmp_path)
    counts = []
    for label, text in (("before", result.files[0].before), ("after", result.files[0].after)):
        folder = tmp_path / label
        folder.mkdir()
        (folder / "program.py").write_text(text, encoding="utf-8")
        found = advisor.scan([folder], select=INTRODUCIBLE, config=False, cache=False, jobs=1)
        counts.append(Counter(f.code for f in found.findings if not _own_client(f)))
    before, after = counts
    assert after - before == Counter(), (name, after)


@pytest.mark.parametrize("name", NAMES)
def test_same_output_on_every_target_version(name: str, tmp_path: Path) -> None:
    """One file, one behaviour: 3.10 and 3.11+ get the same converted text (no TaskGroup on
    one and gather on the other, whose errors would differ)."""
    program = tmp_path / "program.py"
    shutil.copy(CASES / name / "before.py", program)
    prefer = load(name).get("options", {}).get("prefer")
    texts = {
        version: advisor.convert([program], target_version=version, prefer=prefer).files[0].after
        for version in ("3.10", "3.11", "3.13")
    }
    assert texts["3.10"] == texts["3.11"] == texts["3.13"]


def _comments(text: str) -> Counter[str]:
    import io
    import tokenize

    tokens = tokenize.generate_tokens(io.StringIO(text).readline)
    return Counter(t.string for t in tokens if t.type == tokenize.COMMENT)


@pytest.mark.parametrize("name", NAMES)
def test_every_comment_is_kept_exactly_once(name: str, tmp_path: Path) -> None:
    """Review defect #29: no comment of the original vanishes or is doubled."""
    _, result, _ = convert_case(name, tmp_path)
    (converted,) = result.files
    assert _comments(converted.after) == _comments(converted.before)
