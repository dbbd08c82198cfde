"""The runnable templates: each renders, compiles, lints clean and runs to its summary.

Expectations live in fixtures/templates.yaml. Every script runs in its own session
(start_new_session), so after it exits the test can see and reap any process it
left behind (pool workers, Dask nannies) and fail instead of leaking it.
"""

from __future__ import annotations

import ast
import contextlib
import importlib.util
import io
import os
import re
import shutil
import signal
import subprocess
import sys
import time
import tokenize
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import pytest
import yaml

from advisor import templating
from advisor.tree import load_tree
from tests.helpers import FIXTURES, ROOT

EXPECTED = yaml.safe_load((FIXTURES / "templates.yaml").read_text(encoding="utf-8"))
SPECS: dict[str, dict] = EXPECTED["templates"]
#: The templates a leaf names, run as scripts here. The others are program-kind variants
#: (`program:` in the fixture), checked the way their program runs by their own tests
#: (a service: tests/recommend/test_service_templates.py).
SCRIPT_TEMPLATES = templating.script_template_ids()
HEADER = "# test header"
RUN_TIMEOUT = 120
PEAK = re.compile(r"peak in flight: (\d+)")
GIL_WARNING = re.compile(SPECS["threading_cpu"]["stderr_allowed"][0])
INSTALL_HINT = re.compile(r'pip install "(dask|advisor)\[distributed\]"')


# --- helpers -----------------------------------------------------------------------


def usable_cpus() -> int:
    """The CPU count the templates report (same rule as their usable_cpus())."""
    if sys.version_info >= (3, 13):
        return os.process_cpu_count() or 1
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def raw_template(template_id: str) -> str:
    path = resources.files("advisor.templates").joinpath(f"{template_id}.py.tmpl")
    return path.read_text(encoding="utf-8")


def write_script(directory: Path, template_id: str, answers: dict, lang: str = "en") -> Path:
    code = templating.render(
        template_id, templating.context_for(template_id, answers), header=HEADER, lang=lang
    )
    path = directory / templating.filename_for(template_id)
    path.write_text(code, encoding="utf-8")
    return path


def script_env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DASK_", "PYTHON"))}
    env.update(extra)
    return env


def _session_members(sid: int) -> list[int]:
    """Live (non-zombie) processes in session `sid`; empty where /proc is missing."""
    members = []
    for entry in Path("/proc").glob("[0-9]*"):
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        fields = stat[stat.rfind(")") + 2 :].split()  # state ppid pgrp session ...
        if int(fields[3]) == sid and fields[0] != "Z":
            members.append(int(entry.name))
    return members


def _reap_session(sid: int) -> list[int]:
    """Wait briefly for the session to empty; kill and return whatever stays."""
    deadline = time.monotonic() + 10
    while (left := _session_members(sid)) and time.monotonic() < deadline:
        time.sleep(0.1)
    for pid in left:
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)
    return left


@dataclass
class Run:
    returncode: int
    stdout: str
    stderr: str

    def __str__(self) -> str:
        return f"exit {self.returncode}\n--- stdout\n{self.stdout}--- stderr\n{self.stderr}"


def run_script(
    path: Path,
    *args: str,
    python: str = sys.executable,
    flags: tuple[str, ...] = (),
    env=None,
    while_running=None,
) -> Run:
    """Run a script to its end; `while_running(proc)`, if given, acts on it meanwhile
    (sends Ctrl-C, say) before the wait."""
    # Output goes to files, not pipes: a leaked child holding a pipe open would make
    # communicate() wait for it; here the test waits for the script alone.
    out_path, err_path = path.with_suffix(".stdout"), path.with_suffix(".stderr")
    with out_path.open("w", encoding="utf-8") as out, err_path.open("w", encoding="utf-8") as err:
        proc = subprocess.Popen(
            [python, *flags, str(path), *args],
            cwd=path.parent,
            env=env if env is not None else script_env(),
            stdout=out,
            stderr=err,
            start_new_session=True,
        )
        timed_out = False
        try:
            if while_running is not None:
                while_running(proc)
            proc.wait(timeout=RUN_TIMEOUT)
        except subprocess.TimeoutExpired:
            timed_out = True
            proc.kill()
            proc.wait()
        finally:
            left = _reap_session(proc.pid)
    run = Run(
        proc.returncode, out_path.read_text(encoding="utf-8"), err_path.read_text(encoding="utf-8")
    )
    assert not timed_out, f"{path.name} did not finish in {RUN_TIMEOUT} s\n{run}"
    assert not left, f"{path.name} left processes running (now killed): {left}\n{run}"
    return run


def check_stdout(run: Run, patterns: list[str]) -> None:
    cpus = usable_cpus()
    for pattern in patterns:
        regex = re.sub(r"<(\d*)CPUS>", lambda m: str(int(m.group(1) or 1) * cpus), pattern)
        assert re.search(regex, run.stdout, re.MULTILINE), f"stdout lacks /{regex}/\n{run}"


def check_run(spec: dict, run: Run, answers: dict) -> None:
    assert run.returncode == 0, str(run)
    assert "Traceback" not in run.stderr, str(run)
    check_stdout(run, spec["stdout"])
    if spec["uses_concurrency"]:
        # The answer reached the script: the summary reports the bound it used.
        assert re.search(rf"\b{answers['concurrency']}\b", run.stdout), str(run)
    if "peak_in_flight" in spec:
        bounds = spec["peak_in_flight"]
        match = PEAK.search(run.stdout)
        assert match, str(run)
        assert bounds["at_least"] <= int(match.group(1)) <= bounds["at_most"], str(run)
    allowed = [re.compile(pattern) for pattern in spec.get("stderr_allowed", [])]
    for line in run.stderr.splitlines():
        assert any(p.search(line) for p in allowed), f"unexpected stderr line {line!r}\n{run}"


def strict_flags(spec: dict) -> tuple[str, ...]:
    # Warnings (DeprecationWarning from get_event_loop, fork-with-threads, ...) are errors.
    return ("-W", "error") if spec.get("warnings_as_errors", True) else ()


# --- the templates as data ---------------------------------------------------------


#: Templates run as scripts; a program-kind template (`program:` in the fixture, such as the
#: Tk programs `--program gui` emits) is run by its own test, the way that program runs.


def test_fixture_covers_every_template():
    assert set(SPECS) == set(templating.template_ids())


def test_catalog_lists_every_template():
    # Notebook forms are derived from a script template (notebook_of), not files of their own.
    files = {t for t in templating.catalog() if templating.notebook_source(t) is None}
    assert files == set(templating.template_ids())


def test_tree_leaves_name_exactly_the_shipped_templates():
    """Leaves name the script templates; every other template is some script's variant."""
    tree = yaml.safe_load((ROOT / "decision_tree.yaml").read_text(encoding="utf-8"))
    named = {node["template"] for node in tree["nodes"].values() if "template" in node}
    assert named == set(SCRIPT_TEMPLATES)


def test_program_variants_are_exactly_the_program_kind_templates():
    """A variant the catalog names is a template with a `program:` entry of that kind in
    the fixture, and every such template is some script template's variant."""
    named: set[tuple[str, str]] = set()
    for template_id in SCRIPT_TEMPLATES:
        for program, variant in (templating.catalog()[template_id].get("programs") or {}).items():
            assert program in templating.PROGRAMS, (template_id, program)
            if templating.notebook_source(variant) is None:  # notebook forms are derived
                named.add((variant, program))
    kinds = {
        (t, SPECS[t]["program"])
        for t in templating.template_ids()
        if "program" in SPECS[t] and "framework" not in SPECS[t]
    }
    assert named == kinds


def _listed(value: str | list[str]) -> list[str]:
    """A fixture's `framework:`, one name or the list of those sharing the form."""
    return [value] if isinstance(value, str) else list(value)


def test_framework_forms_are_exactly_the_framework_templates():
    """A form the catalog names for a framework (`frameworks:`) has that framework in the
    fixture, and every template with a `framework:` is some template's form for it."""
    named = {
        (str(variant), str(framework))
        for entry in templating.catalog().values()
        for framework, variant in (entry.get("frameworks") or {}).items()
    }
    kinds = {
        (t, framework)
        for t in templating.template_ids()
        if "framework" in SPECS[t]
        for framework in _listed(SPECS[t]["framework"])
    }
    assert named == kinds
    assert not {v for v, _ in named} & set(SCRIPT_TEMPLATES)


@pytest.mark.parametrize("template_id", templating.template_ids())
def test_uses_concurrency_matches_template_source(template_id):
    assert ("${concurrency}" in raw_template(template_id)) is SPECS[template_id]["uses_concurrency"]


@pytest.mark.parametrize("template_id", templating.template_ids())
def test_header_alone_on_first_line(template_id):
    assert raw_template(template_id).splitlines()[0] == "${header}"
    code = templating.render(
        template_id, templating.context_for(template_id, {}), header="# one\n# two"
    )
    lines = code.splitlines()
    assert lines[:2] == ["# one", "# two"]
    assert lines[2].startswith('"""'), "the module docstring follows the header"


@pytest.mark.parametrize("template_id", templating.template_ids())
def test_filename_does_not_shadow_the_stdlib(template_id):
    # A script saved as threading.py or asyncio.py would import itself instead of the module.
    name = templating.filename_for(template_id)
    assert name.endswith(".py")
    assert name[:-3] not in sys.stdlib_module_names
    assert name[:-3] not in {"dask", "distributed"}


@pytest.mark.parametrize("template_id", templating.template_ids())
def test_renders_from_catalog_defaults_alone(template_id):
    code = templating.render(template_id, templating.context_for(template_id, {}), header=HEADER)
    compile(code, templating.filename_for(template_id), "exec")
    if SPECS[template_id]["uses_concurrency"]:
        default = templating.catalog()[template_id]["defaults"]["concurrency"]
        assert isinstance(default, int)
        assert default >= 1
        assert f"CONCURRENCY: int = {default}\n" in code


def _ruff() -> list[str]:
    if importlib.util.find_spec("ruff") is not None:
        return [sys.executable, "-m", "ruff"]
    if exe := shutil.which("ruff"):
        return [exe]
    pytest.skip("ruff is not installed")
    raise AssertionError  # unreachable; pytest.skip raises


def _without_docstrings(code: str) -> str:
    tree = ast.parse(code)
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            first = node.body[0] if node.body else None
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                first.value.value = ""
    return ast.dump(tree)


CJK = re.compile(r"[\u4e00-\u9fff]")


@pytest.mark.parametrize("template_id", templating.template_ids())
def test_zh_tw_template_is_the_same_program_explained_in_chinese(template_id):
    context = templating.context_for(template_id, SPECS[template_id]["answers"])
    en = templating.render(template_id, context, header=HEADER)
    zh = templating.render(template_id, context, header=HEADER, lang="zh-TW")
    assert _without_docstrings(zh) == _without_docstrings(en)
    comments = [
        tok.string
        for tok in tokenize.generate_tokens(io.StringIO(zh).readline)
        if tok.type == tokenize.COMMENT and tok.string != HEADER
    ]
    untranslated = [c for c in comments if not CJK.search(c)]
    assert untranslated == [], "add them to advisor/templates/zh-TW.yaml"
    tree = ast.parse(zh)
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            doc = ast.get_docstring(node)
            assert doc is None or CJK.search(doc), f"untranslated docstring: {doc}"


def test_every_translation_is_used():
    """A phrase no template contains any more is stale: its English was edited."""
    phrases = set(templating.translations("zh-TW")["phrases"])
    used: set[str] = set()
    for template_id in templating.template_ids():
        code = templating.render(template_id, templating.context_for(template_id, {}))
        for tok in tokenize.generate_tokens(io.StringIO(code).readline):
            if tok.type == tokenize.COMMENT:
                used.add(tok.string.removeprefix("#: ").removeprefix("# "))
            elif tok.type == tokenize.STRING:
                used.add(tok.string[3:-3])
    assert phrases - used == set()
    assert set(templating.translations("zh-TW")["module_docstrings"]) == set(
        templating.template_ids()
    )


@pytest.fixture(scope="module")
def ruff_report(tmp_path_factory) -> dict[tuple[str, str], list[str]]:
    """Every rendered script in both languages, checked by one ruff run per target version
    (not two per script): (template, lang) -> ruff's lines about that script."""
    folder = tmp_path_factory.mktemp("ruff")
    paths = {}
    for template_id in templating.template_ids():
        for lang in ("en", "zh-TW"):
            (folder / f"{template_id}-{lang}").mkdir()
            answers = SPECS[template_id]["answers"]
            paths[template_id, lang] = write_script(
                folder / f"{template_id}-{lang}", template_id, answers, lang=lang
            )
    ruff = _ruff()
    names = {key: str(path.relative_to(folder)) for key, path in paths.items()}
    lines: list[str] = []
    # Default rules as a user's project would see them, and again for the oldest target the
    # templates promise (3.11: TaskGroup, except*, asyncio.timeout, hashlib.file_digest).
    check = [*ruff, "check", "--isolated", "--no-cache", "--output-format", "concise"]
    for extra in ([], ["--target-version", "py311"]):
        proc = subprocess.run(
            [*check, *extra, *names.values()],
            capture_output=True,
            text=True,
            cwd=folder,
            timeout=120,
            check=False,
        )
        assert proc.returncode in (0, 1), proc.stdout + proc.stderr  # 1: findings, listed
        lines += [line for line in proc.stdout.splitlines() if re.match(r"\S+:\d+:\d+: ", line)]
    report = {
        key: [line for line in lines if line.startswith(f"{name}:")] for key, name in names.items()
    }
    assert sum(map(len, report.values())) == len(lines), lines  # every finding has its script
    return report


@pytest.mark.parametrize("lang", ["en", "zh-TW"])
@pytest.mark.parametrize("template_id", templating.template_ids())
def test_rendered_script_passes_ruff(template_id, lang, ruff_report):
    assert ruff_report[template_id, lang] == []


# --- running them --------------------------------------------------------------------


@pytest.mark.parametrize("template_id", SCRIPT_TEMPLATES)
def test_template_runs_and_reports(template_id, tmp_path):
    spec = SPECS[template_id]
    if "needs" in spec:
        pytest.importorskip(spec["needs"])
    path = write_script(tmp_path, template_id, spec["answers"])
    run = run_script(path, flags=strict_flags(spec))
    check_run(spec, run, spec["answers"])


@pytest.mark.parametrize(
    "case",
    EXPECTED["extra_runs"],
    ids=[
        f"{c['template']}-concurrency={c['answers']['concurrency']}" for c in EXPECTED["extra_runs"]
    ],
)
def test_template_at_the_edges(case, tmp_path):
    spec = SPECS[case["template"]]
    path = write_script(tmp_path, case["template"], case["answers"])
    run = run_script(path, flags=strict_flags(spec))
    assert run.returncode == 0, str(run)
    assert run.stderr == "", str(run)
    check_stdout(run, case["stdout"])


def test_threading_cpu_warns_exactly_when_the_gil_is_on(tmp_path):
    path = write_script(tmp_path, "threading_cpu", {})
    run = run_script(path)
    assert run.returncode == 0, str(run)
    gil = re.search(r"^  GIL enabled: (yes|no) ", run.stdout, re.MULTILINE)
    assert gil, str(run)
    if gil.group(1) == "yes":
        lines = run.stderr.splitlines()
        assert len(lines) == 1, str(run)
        assert GIL_WARNING.search(lines[0]), str(run)
        assert "python3.14t" in lines[0]
        assert "multiprocessing" in lines[0]
    else:
        assert run.stderr == "", str(run)


# --- distributed: scheduler address, and no Dask at all ----------------------------


@pytest.fixture(scope="module")
def scheduler_address():
    """A one-worker Dask cluster inside the test process (threads, no child processes)."""
    distributed = pytest.importorskip("distributed")
    cluster = distributed.LocalCluster(
        n_workers=1,
        threads_per_worker=2,
        processes=False,
        protocol="tcp",
        host="127.0.0.1",
        dashboard_address="127.0.0.1:0",  # None would still try port 8787
    )
    try:
        yield cluster.scheduler_address
    finally:
        cluster.close()


def _check_connected(run: Run, address: str, source: str) -> None:
    assert run.returncode == 0, str(run)
    assert f"connected to scheduler {address} (from {source})\n" in run.stdout, str(run)
    check_stdout(
        run,
        [
            r"^distributed: 16 tasks finished in \d+\.\d\d s with Dask$",
            r"^  parallelism bound: 2 threads on 1 worker$",
            r"^  checksum: 255801$",
        ],
    )


def test_distributed_scheduler_flag(scheduler_address, tmp_path):
    path = write_script(tmp_path, "distributed", {})
    # The flag wins over the environment variable (which points nowhere).
    env = script_env(DASK_SCHEDULER_ADDRESS="tcp://127.0.0.1:9")
    run = run_script(path, "--scheduler", scheduler_address, env=env)
    _check_connected(run, scheduler_address, "--scheduler")


def test_distributed_scheduler_environment_variable(scheduler_address, tmp_path):
    path = write_script(tmp_path, "distributed", {})
    run = run_script(path, env=script_env(DASK_SCHEDULER_ADDRESS=scheduler_address))
    _check_connected(run, scheduler_address, "DASK_SCHEDULER_ADDRESS")


def test_distributed_local_workers_drop_only_the_known_shutdown_noise(tmp_path):
    """The filter against dask/distributed#7891 reaches the LocalCluster's worker
    processes (they import the script) and drops that one message, no other."""
    pytest.importorskip("distributed")
    path = write_script(tmp_path, "distributed", {})
    code = path.read_text(encoding="utf-8")
    hook = "    client.wait_for_workers(1, timeout=60)"
    assert hook in code
    say = 'client.run(logging.getLogger("distributed.worker").error, {!r})'
    noise = say.format("Failed to communicate with scheduler during heartbeat.")
    other = say.format("a worker message that must show")
    path.write_text(code.replace(hook, f"{hook}\n    {noise}\n    {other}", 1), encoding="utf-8")
    run = run_script(path)
    assert run.returncode == 0, str(run)
    assert run.stderr.count("a worker message that must show") == 2, str(run)  # two workers
    assert "Failed to communicate" not in run.stderr, str(run)


@pytest.fixture
def without_dask(tmp_path) -> dict[str, str]:
    """An environment in which `import dask` fails, whether or not Dask is installed."""
    stub = tmp_path / "stub" / "dask"
    stub.mkdir(parents=True)
    (stub / "__init__.py").write_text("raise ImportError(\"No module named 'dask' (test stub)\")\n")
    return script_env(PYTHONPATH=str(stub.parent))


def test_distributed_without_dask_says_how_to_install(without_dask, tmp_path):
    path = write_script(tmp_path, "distributed", {})
    run = run_script(path, env=without_dask)
    assert run.returncode != 0, str(run)
    assert run.stdout == "", str(run)
    lines = run.stderr.splitlines()
    assert len(lines) == 1, str(run)
    assert INSTALL_HINT.search(lines[0]), str(run)
    assert "Traceback" not in run.stderr


def test_distributed_help_works_without_dask(without_dask, tmp_path):
    path = write_script(tmp_path, "distributed", {})
    run = run_script(path, "--help", env=without_dask)
    assert run.returncode == 0, str(run)
    assert "--scheduler ADDRESS" in run.stdout
    assert "$DASK_SCHEDULER_ADDRESS" in run.stdout  # the `$$` in the template became `$`


# --- as emitted by the CLI, from every leaf of the shipped tree -------------------------


def _leaf_cases() -> list:
    """The first case file entry reaching each leaf: the answers a user would type."""
    seen: dict[str, dict] = {}
    for path in sorted((FIXTURES / "cases").glob("*.yaml")):
        for case in yaml.safe_load(path.read_text(encoding="utf-8")):
            if not case.get("facts") and "leaf" in case:  # not the refused contradictions
                seen.setdefault(case["leaf"], case)
    return [pytest.param(case, id=leaf) for leaf, case in sorted(seen.items())]


def _program(code: str) -> str:
    """The script from its module docstring on: what is left once the header is set aside."""
    return code[code.index('"""') :]


@pytest.mark.parametrize("case", _leaf_cases())
def test_emitted_by_the_cli_runs(case, tmp_path, cli, request):
    spec_answers = dict(case["answers"])
    flags: list[str] = []
    tree = load_tree()
    for qid, value in spec_answers.items():
        flags += [tree.questions[qid].flag, str(value)]
    target = tmp_path / "emitted.py"
    # In-process: the same `main` as the installed command, without a Python start-up per
    # leaf; test_emitted_in_chinese_runs_and_explains_in_chinese emits through a subprocess.
    emit = cli("recommend", *flags, "--emit", str(target), "--format", "json")
    assert emit.code == 0, emit.err
    template_id = yaml.safe_load(emit.out)["template"]["id"]
    if templating.notebook_source(template_id) is not None:
        # --program notebook: percent-format cells, run in a kernel by test_notebook_kernel.
        assert target.read_text(encoding="utf-8").startswith("# %% [markdown]\n")
        return
    spec = SPECS[template_id]
    if not spec["uses_concurrency"] or "program" in spec:
        # No answer reaches this script: it is, line for line, the program that
        # test_template_runs_and_reports runs (a Dask cluster or a process pool); not again.
        # A program-kind variant (the case asked for --program service) is served by
        # its own test; here it must be that template, filled with these answers.
        rendered = templating.render(
            template_id, templating.context_for(template_id, dict(spec_answers))
        )
        assert _program(target.read_text(encoding="utf-8")) == _program(rendered)
        return
    if "needs" in spec:
        pytest.importorskip(spec["needs"])
    if spec.get("program") == "gui":
        # A Tk program: run as test_gui_templates runs it, clicking Start by --autorun.
        from tests.recommend.conftest import gui_env

        env = gui_env(request.getfixturevalue("display"))
        run = run_script(target, "--autorun", flags=strict_flags(spec), env=env)
    else:
        run = run_script(target, flags=strict_flags(spec))
    assert run.returncode == 0, str(run)
    assert "Traceback" not in run.stderr, str(run)
    summary = spec["stdout"][0].split(":")[0]  # e.g. "^asyncio": the script's summary line
    assert re.search(summary + ":", run.stdout, re.MULTILINE), str(run)
    if "concurrency" in spec_answers and spec["uses_concurrency"]:
        assert re.search(
            rf"\b{int(str(spec_answers['concurrency']).replace('_', ''))}\b", run.stdout
        )


def test_emitted_in_chinese_runs_and_explains_in_chinese(tmp_path):
    target = tmp_path / "emitted.py"
    args = ["--cpu-bound", "no", "--concurrency", "20", "--shared-memory", "yes"]
    args += ["--async-libs", "no", "--async-app", "no", "--lang", "zh-TW"]
    emit = subprocess.run(
        [sys.executable, "-m", "advisor", "recommend", *args, "--emit", str(target)],
        capture_output=True,
        text=True,
        env=script_env(),
        check=False,
        timeout=60,
    )
    assert emit.returncode == 0, emit.stderr
    code = target.read_text(encoding="utf-8")
    assert code.startswith("# 由 advisor 產生：threading（threading_shared）。\n")
    assert "# 每個進行中的請求一個執行緒。" not in code  # "#:" comments keep their marker
    assert "#: 每個進行中的請求一個執行緒。" in code
    run = run_script(target, flags=("-W", "error"))
    assert run.returncode == 0, str(run)
    check_stdout(run, [r"^threading: 40 jobs finished in \d+\.\d\d s on a ThreadPoolExecutor$"])
