"""The README and docs say what advisor does today: generated blocks are current, the README's
two commands are the ones CI runs, the cheap shell examples exit as documented (as typer runs
its docs_src), every link to a file resolves, and nothing a user copies is a placeholder."""

from __future__ import annotations

import importlib.util
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers import FIXTURES, ROOT, clean_env

DOCS = [
    ROOT / "README.md",
    ROOT / "README.zh-TW.md",
    *sorted((ROOT / "docs").rglob("*.md")),
]


def _relative(path: Path) -> str:
    return path.relative_to(ROOT).as_posix()


def _update_module():
    spec = importlib.util.spec_from_file_location(
        "update_docs", ROOT / "scripts" / "update_docs.py"
    )
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# --- generated blocks ------------------------------------------------------------------------


UPDATE = _update_module()


@pytest.mark.parametrize("block", UPDATE.BLOCKS, ids=lambda b: f"{b.path}: {b.key}")
def test_generated_block_is_current(block):
    text = (ROOT / block.path).read_text(encoding="utf-8")
    assert block.begin in text, f"{block.path} lost its {block.key!r} block"
    assert block.text() in text, (
        f"{block.path}'s {block.key!r} block is stale: run python scripts/update_docs.py"
    )


def test_whole_generated_files_are_current():
    """docs/rules.md, once scripts/gen_rules_doc.py exists to write it."""
    for path, render in UPDATE.whole_files().items():
        assert (ROOT / path).read_text(encoding="utf-8") == render(), (
            f"{path} is stale: run python scripts/update_docs.py"
        )


def test_every_generated_marker_has_a_maker():
    """A block nobody regenerates is a hand-written copy in disguise."""
    known = {(b.path, b.begin) for b in UPDATE.BLOCKS}
    for doc in DOCS:
        for begin in re.findall(r"<!-- generated: .*? -->", doc.read_text(encoding="utf-8")):
            assert (_relative(doc), begin) in known, f"{_relative(doc)}: {begin} has no maker"


def test_update_docs_check_passes():
    """`scripts/update_docs.py --check`, as a maintainer runs it before committing."""
    out = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "update_docs.py"), "--check"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert out.returncode == 0, out.stdout + out.stderr


# --- the two commands CI reads ---------------------------------------------------------------


def test_ci_runs_the_readme_commands():
    """.ci/run extracts the two commands from the README; they must be there and install the project."""
    script = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for tag in ("main-command", "test-command"):
        assert f"<!-- {tag} -->" in readme
        assert f"readme_command {tag}" in script
    commands = {}
    for tag in ("main-command", "test-command"):
        commands[tag] = subprocess.run(
            [
                "bash",
                "-c",
                f"cd {ROOT} && source <(sed -n '/^readme_command()/,/^}}/p' .ci/run) && readme_command {tag}",
            ],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
    assert commands["main-command"] == (
        "python -m pip install . && advisor recommend --cpu-bound no --concurrency 500"
    )
    assert commands["test-command"] == (
        'scripts/setup-test-system && python -m pip install -e ".[dev]" && python -m pytest'
    )


# --- shell examples --------------------------------------------------------------------------

#: Commands cheap and offline enough to run from every example that shows them.
CHEAP = {"recommend", "explain", "tree", "validate", "scan", "convert"}
#: Words that make an example not cheap, not offline, or not self-contained.
SKIP = re.compile(r"--write\b|--emit\b|--save-answers\b|[|<>]|\bbench\b|\bprofile\b")
EXIT = re.compile(r"#.*?\bexit (\d+)")

HANDLER = """\
import requests


async def handler(url):
    return requests.get(url)
"""


def examples() -> list[tuple[str, int, str, int]]:
    """(file, line, command, expected exit code) for every cheap `advisor` line in a ```sh or
    ```console block; a trailing comment `# ... exit N` documents a code other than 0."""
    found = []
    for doc in DOCS:
        inside = False
        for number, line in enumerate(doc.read_text(encoding="utf-8").splitlines(), start=1):
            if line.startswith("```"):
                inside = line in ("```sh", "```console") if not inside else False
                continue
            command = line.removeprefix("$ ")
            if not inside or not command.startswith("advisor "):
                continue
            words = command.split("#")[0].split()
            if len(words) < 2 or words[1] not in CHEAP or SKIP.search(command.split("#")[0]):
                continue
            if command.rstrip().endswith("\\"):
                continue  # continued lines are shown, not run
            expected = EXIT.search(command)
            code = int(expected.group(1)) if expected else 0
            found.append((_relative(doc), number, command.split("  #")[0].strip(), code))
    return found


EXAMPLES = examples()


@pytest.fixture(scope="module")
def sandbox(tmp_path_factory) -> Path:
    """The files the examples name: a project with a blocking call in async code, the
    chapter's exercise 1, a broken tree, an answers file and two fixture projects."""
    root = tmp_path_factory.mktemp("examples")
    (root / "src" / "app").mkdir(parents=True)
    (root / "src" / "app" / "handlers.py").write_text(HANDLER, encoding="utf-8")
    (root / "app.py").write_text(HANDLER, encoding="utf-8")
    shutil.copy(FIXTURES / "convert" / "exercise1" / "before.py", root / "downloader.py")
    shutil.copy(FIXTURES / "convert" / "crawler" / "before.py", root / "crawler.py")
    shutil.copy(FIXTURES / "trees" / "invalid_unknown_question.yaml", root / "my_tree.yaml")
    (root / "answers.yaml").write_text("cpu_bound: no\nconcurrency: 500\n", encoding="utf-8")
    for name, project in (("batch", "ffmpeg_batch"), ("report", "conflicting")):
        shutil.copytree(
            FIXTURES / "projects" / project, root / name, ignore=shutil.ignore_patterns("*.yaml")
        )
    return root


def test_the_examples_cover_every_cheap_command():
    assert {cmd.split()[1] for _, _, cmd, _ in EXAMPLES} == CHEAP
    assert any(doc == "README.md" for doc, _, _, _ in EXAMPLES)


@pytest.mark.parametrize(("doc", "line", "command", "code"), EXAMPLES, ids=str)
def test_shell_example_exits_as_documented(sandbox, doc, line, command, code):
    env = clean_env(
        ADVISOR_CACHE_DIR=str(sandbox / ".cache"),
        PATH=os.pathsep.join([str(Path(sys.executable).parent), os.environ.get("PATH", "")]),
    )
    out = subprocess.run(
        ["bash", "-c", command],
        cwd=sandbox,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        stdin=subprocess.DEVNULL,
    )
    assert out.returncode == code, (
        f"{doc}:{line}: `{command}` exited {out.returncode}, documented {code}\n{out.stderr[-800:]}"
    )


def test_readme_scan_example_shows_the_real_output(sandbox):
    """The one console example with its output in full (no `...`): what `advisor scan src`
    prints for the sandbox's handler."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    start = readme.index("$ advisor scan src")
    shown = readme[readme.index("\n", start) + 1 : readme.index("```", start)]
    out = subprocess.run(
        [sys.executable, "-m", "advisor", "scan", "src", "--format", "rich"],
        cwd=sandbox,
        env=clean_env(ADVISOR_CACHE_DIR=str(sandbox / ".cache"), COLUMNS="400", NO_COLOR="1"),
        capture_output=True,
        text=True,
        check=False,
    )
    assert out.stdout.startswith(shown), out.stdout


# --- links and placeholders ------------------------------------------------------------------

LINK = re.compile(r"\]\(([^)#\s]+)(?:#[^)]*)?\)")
RULES = ROOT / "docs" / "rules.md"


def _pending(target: Path) -> bool:
    """docs/rules.md is written by scripts/gen_rules_doc.py, which lands from another branch:
    a link to it may wait for that script, and no longer."""
    return target.resolve() == RULES and not UPDATE.RULES_SCRIPT.exists()


@pytest.mark.parametrize("doc", DOCS, ids=_relative)
def test_relative_links_resolve(doc):
    text = doc.read_text(encoding="utf-8")
    broken = [
        target
        for target in LINK.findall(text)
        if "://" not in target
        and not (doc.parent / target).exists()
        and not _pending(doc.parent / target)
    ]
    assert not broken, f"{_relative(doc)} links to missing files: {broken}"


#: What a user must never copy: a placeholder host for the project (code examples may fetch
#: example.com, a reserved illustrative domain), a tag that does not exist, PyPI's unrelated
#: project "advisor", fill-in-the-blank names.
PLACEHOLDERS = re.compile(
    r"example\.invalid|rev: v\d|pip install advisor\b(?!\[)|<owner>|OWNER/|your-org"
    r"|\bTODO\b|\bXXX\b"
)


@pytest.mark.parametrize("doc", DOCS, ids=_relative)
def test_no_placeholder_a_user_would_copy(doc):
    found = [
        f"{_relative(doc)}:{number}: {line.strip()}"
        for number, line in enumerate(doc.read_text(encoding="utf-8").splitlines(), start=1)
        # the warning itself: "`pip install advisor` installs an unrelated project"
        if PLACEHOLDERS.search(line) and not re.search(r"unrelated|不相關|wrong thing|裝錯", line)
    ]
    assert not found, "\n".join(found)


def test_pre_commit_snippet_matches_the_shipped_hook():
    """The hook a user copies runs what .pre-commit-hooks.yaml runs, on Python files."""
    import yaml

    (hook,) = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    text = (ROOT / "docs" / "integrations.md").read_text(encoding="utf-8")
    start = text.index("```yaml\nrepos:")
    snippet = yaml.safe_load(text[start + 8 : text.index("```", start + 8)])
    (repo,) = snippet["repos"]
    assert repo["repo"] == "local"
    (local,) = repo["hooks"]
    assert local["id"] == hook["id"]
    assert local["entry"] == hook["entry"]
    assert local["types_or"] == hook["types_or"]


REPO_PATH = re.compile(r"`((?:advisor|tests|scripts|benchmarks|docs)/[\w./-]*)`")


@pytest.mark.parametrize("doc", DOCS, ids=_relative)
def test_repository_paths_named_in_prose_exist(doc):
    """A path such as `advisor/lint/data/blocking.yaml` names a file a reader will open; after a
    rename it must follow (docs/architecture.md has its own, stricter test)."""
    text = GENERATED_BLOCK.sub("", doc.read_text(encoding="utf-8"))
    missing = [
        path
        for path in REPO_PATH.findall(text)
        if "*" not in path and not (ROOT / path).exists() and not _pending(ROOT / path)
    ]
    assert not missing, f"{_relative(doc)} names paths that do not exist: {missing}"


GENERATED_BLOCK = re.compile(r"<!-- generated: .*?<!-- end generated -->", re.DOTALL)


@pytest.mark.parametrize(
    "doc",
    [ROOT / "README.md", ROOT / "README.zh-TW.md", ROOT / "docs" / "library.md"],
    ids=_relative,
)
def test_library_examples_name_real_exports(doc):
    """Every `advisor.name` a Python example calls is exported by `import advisor`."""
    import advisor

    code = "\n".join(re.findall(r"^```python\n(.*?)^```", doc.read_text("utf-8"), re.M | re.S))
    names = set(re.findall(r"\badvisor\.(\w+)", code))
    assert names, f"{_relative(doc)} has no library example"
    missing = sorted(n for n in names if n != "errors" and n not in advisor.__all__)
    assert not missing, f"{_relative(doc)} uses names `import advisor` does not export: {missing}"
