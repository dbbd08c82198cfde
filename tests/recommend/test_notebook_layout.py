"""The notebook form (`--program notebook`) derived from each script template: the
conventions it relies on, its text forms, and the files --emit writes.

The script templates are another engineer's to improve; these tests fail, naming the
convention, when a script template stops keeping one the notebook form relies on.
"""

from __future__ import annotations

import ast
import asyncio
import contextlib
import gc
import io
import json
import subprocess
import sys
import warnings

import pytest

from advisor import notebook_layout, templating
from advisor.errors import AdvisorError
from tests.recommend.test_templates import HEADER, SPECS, _ruff, check_stdout, script_env

SCRIPTS = templating.script_template_ids()
AWAIT = ast.PyCF_ONLY_AST | ast.PyCF_ALLOW_TOP_LEVEL_AWAIT


def notebook_id(template_id: str) -> str:
    return templating.variant_for(template_id, "notebook")


def render(template_id: str, lang: str = "en") -> str:
    nb_id = notebook_id(template_id)
    context = templating.context_for(nb_id, SPECS[template_id]["answers"])
    return templating.render(nb_id, context, header=HEADER, lang=lang)


def script(template_id: str) -> str:
    context = templating.context_for(template_id, SPECS[template_id]["answers"])
    return templating.render(template_id, context, header=HEADER)


def build(template_id: str) -> notebook_layout.Notebook:
    return notebook_layout.parse(render(template_id))


def code_cells(nb: notebook_layout.Notebook) -> list[str]:
    return [cell.source for cell in nb.cells if cell.kind == notebook_layout.CODE]


# --- the conventions the script templates keep --------------------------------------------


@pytest.mark.parametrize("template_id", SCRIPTS)
def test_every_script_template_has_a_notebook_form(template_id):
    nb_id = notebook_id(template_id)
    assert nb_id != template_id, "add programs: {notebook: ...} to its catalog entry"
    assert templating.notebook_source(nb_id) == template_id
    assert templating.filename_for(nb_id).endswith(".ipynb")


@pytest.mark.parametrize("template_id", SCRIPTS)
def test_script_ends_in_a_main_block_that_calls_main(template_id):
    """Convention 1: main() is called only from a final `if __name__ == "__main__":`."""
    tree = ast.parse(script(template_id))
    last = tree.body[-1]
    assert isinstance(last, ast.If), "the __main__ block must be the last statement"
    assert ast.unparse(last.test) in {"__name__ == '__main__'", '__name__ == "__main__"'}
    called = {ast.unparse(n.func) for n in ast.walk(last) if isinstance(n, ast.Call)}
    assert "main" in called
    for node in tree.body[:-1]:
        if not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            calls = {ast.unparse(n.func) for n in ast.walk(node) if isinstance(n, ast.Call)}
            assert "main" not in calls, "main() is called outside the __main__ block"


@pytest.mark.parametrize("template_id", SCRIPTS)
def test_process_pool_functions_are_top_level_and_move_to_the_companion(template_id):
    """Convention 2: what a process pool runs is a module-level function; the notebook form
    finds every one and moves it (with what it uses) next to the notebook."""
    code = script(template_id)
    uses_process_pool = "ProcessPoolExecutor(" in code or "Pool(" in code
    nb = build(template_id)
    assert (nb.companion is not None) is uses_process_pool
    if nb.companion is None:
        return
    tree = ast.parse(nb.companion.code)
    moved = {n.name for n in tree.body if isinstance(n, ast.FunctionDef)}
    sent = set(notebook_layout._pool_functions(ast.parse(code)))
    assert sent, "a process pool, but no function found that it runs"
    assert sent <= moved
    for cell in code_cells(nb):
        tree = compile(cell, "<cell>", "exec", flags=AWAIT)
        defined = {getattr(n, "name", None) for n in tree.body}
        assert not defined & moved, "a worker function is defined twice"
    imports = [c for c in code_cells(nb) if f"from {nb.companion.module} import " in c]
    assert len(imports) == 1


@pytest.mark.parametrize("template_id", SCRIPTS)
def test_argparse_only_in_the_main_block_or_behind_argv(template_id):
    """Convention 3: nothing parses the kernel's argv; the notebook passes a list."""
    nb = build(template_id)
    run = code_cells(nb)[-1]
    tree = compile(run, "<run>", "exec", flags=AWAIT)
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and (
            ast.unparse(node.func).endswith("parse_args")
            or (ast.unparse(node.func) == "main" and "argv" in script(template_id))
        ):
            assert node.args, f"{ast.unparse(node)} would parse the kernel's argv"
    # Nor does it end in SystemExit: the status is the cell's result.
    assert not any(isinstance(n, ast.Raise) for n in tree.body)
    assert "sys.exit" not in {
        ast.unparse(n.func) for n in ast.walk(tree) if isinstance(n, ast.Call)
    }


@pytest.mark.parametrize("template_id", SCRIPTS)
def test_run_cell_awaits_instead_of_asyncio_run(template_id):
    nb = build(template_id)
    trees = [compile(cell, "<cell>", "exec", flags=AWAIT) for cell in code_cells(nb)]
    called = {ast.unparse(n.func) for t in trees for n in ast.walk(t) if isinstance(n, ast.Call)}
    assert "asyncio.run" not in called
    is_async = "asyncio.run(" in script(template_id)
    assert ("await main(" in code_cells(nb)[-1]) is is_async


@pytest.mark.parametrize("template_id", SCRIPTS)
def test_every_cell_compiles_and_the_layout_keeps_every_statement(template_id):
    nb = build(template_id)
    kept: list[str] = []
    for cell in code_cells(nb):
        tree = compile(cell, "<cell>", "exec", flags=AWAIT)
        kept += [ast.dump(n) for n in tree.body]
    if nb.companion is not None:
        kept += [ast.dump(n) for n in ast.parse(nb.companion.code).body[1:]]
    original = ast.parse(script(template_id)).body[1:-1]  # without docstring and __main__
    missing = [ast.unparse(n)[:60] for n in original if ast.dump(n) not in kept]
    assert missing == []


@pytest.mark.parametrize("template_id", SCRIPTS)
def test_percent_text_round_trips(template_id):
    text = render(template_id)
    assert text.startswith("# %% [markdown]\n# # ")
    nb = notebook_layout.parse(text)
    assert notebook_layout.percent(nb, writefile=True) == text


@pytest.mark.parametrize("template_id", SCRIPTS)
def test_zh_tw_notebook_explains_in_chinese_and_runs_the_same_code(template_id):
    en, zh = build(template_id), notebook_layout.parse(render(template_id, "zh-TW"))
    notes = [c.source for c in zh.cells if c.kind == notebook_layout.MARKDOWN]
    assert notes[1].startswith("## 在筆記本中\n")

    def calls(nb: notebook_layout.Notebook) -> list[str]:
        cells = code_cells(nb) + ([nb.companion.code] if nb.companion else [])
        trees = [compile(c, "<cell>", "exec", flags=AWAIT) for c in cells]
        return [ast.unparse(n) for t in trees for n in ast.walk(t) if isinstance(n, ast.Call)]

    assert calls(zh) == calls(en)  # the same program; only comments and docstrings differ


def test_conventions_broken_are_named():
    broken = {
        "notebook_no_main_block": "def main():\n    pass\n\nmain()\n",
        "notebook_argv_at_import": (
            "import argparse\nARGS = argparse.ArgumentParser().parse_args()\n"
            "def main():\n    pass\n\nif __name__ == '__main__':\n    main()\n"
        ),
        "notebook_worker_not_top_level": (
            "from concurrent.futures import ProcessPoolExecutor\n"
            "def main():\n    def work(x):\n        return x\n"
            "    with ProcessPoolExecutor() as pool:\n        list(pool.map(work, [1]))\n\n"
            "if __name__ == '__main__':\n    main()\n"
        ),
        "notebook_event_loop_left": (
            "import asyncio\nasync def main():\n    pass\n\n"
            "if __name__ == '__main__':\n    with asyncio.Runner() as r:\n        r.run(main())\n"
            "    asyncio.Runner().run(main())\n"
        ),
    }
    for key, code in broken.items():
        with pytest.raises(AdvisorError) as info:
            notebook_layout.build('"""Doc."""\n' + code, "broken", "en", "broken_workers")
        assert info.value.key == key
        assert "broken" in info.value.message("zh-TW")


@pytest.mark.parametrize(
    ("path", "module"),
    [
        ("analysis.ipynb", "analysis_workers"),
        ("out/my run-2.ipynb", "my_run_2_workers"),
        ("2024.ipynb", "nb_2024_workers"),
        ("分析.ipynb", "分析_workers"),
        # NFKC would fold these to "full": the import would look for another file
        ("ｆｕｌｌ.ipynb", "nb______workers"),
    ],
)
def test_companion_module_name_is_importable(path, module):
    name = notebook_layout.module_for(path)
    assert name == module
    assert name.isidentifier()


# --- the files --emit writes --------------------------------------------------------------


def test_ipynb_is_valid_nbformat_4(tmp_path):
    nbformat = pytest.importorskip("nbformat")
    code = render("multiprocessing")
    written = notebook_layout.outputs(code, str(tmp_path / "a.ipynb"), notebook=True)
    assert [(o.role, o.path) for o in written] == [
        ("notebook", str(tmp_path / "a.ipynb")),
        ("companion", str(tmp_path / "a_workers.py")),
    ]
    nb = nbformat.reads(written[0].text, as_version=4)
    nbformat.validate(nb)
    sources = [cell.source for cell in nb.cells]
    assert any("from a_workers import load_table, process_chunk" in s for s in sources)
    assert not any("multiprocessing_example_workers" in s for s in sources)
    assert json.loads(written[0].text)["metadata"]["kernelspec"]["name"] == "python3"


def test_percent_py_has_no_writefile_cell_and_a_companion(tmp_path):
    code = render("asyncio_processes")
    written = notebook_layout.outputs(code, str(tmp_path / "b.py"), notebook=True)
    assert [o.role for o in written] == ["cells", "companion"]
    assert "%%writefile" not in written[0].text
    assert "from b_workers import parse\n" in written[0].text
    compile(written[1].text, "b_workers.py", "exec")


def test_script_template_to_ipynb_is_refused():
    with pytest.raises(AdvisorError) as info:
        notebook_layout.outputs("print()\n", "x.ipynb", notebook=False)
    assert info.value.key == "ipynb_needs_notebook"


# --- inside a running event loop, as a kernel runs cells ---------------------------------


async def _run_cells(cells: list[str]) -> None:
    """What IPython does with each cell: compile with top-level await, await the result."""
    namespace: dict[str, object] = {"__name__": "__main__"}
    for cell in cells:
        result = eval(
            compile(cell, "<cell>", "exec", flags=ast.PyCF_ALLOW_TOP_LEVEL_AWAIT), namespace
        )
        if asyncio.iscoroutine(result):
            await result


@pytest.mark.parametrize("template_id", ["asyncio", "asyncio_threads", "threading"])
def test_notebook_form_runs_inside_a_running_event_loop(template_id):
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        asyncio.run(_run_cells(code_cells(build(template_id))))

    class Run:
        stdout = out.getvalue()

    check_stdout(Run, SPECS[template_id]["stdout"])  # type: ignore[arg-type]


def test_script_form_fails_inside_a_running_event_loop():
    """The review's reproduction: the script form of an asyncio template raises there, so
    the check above tells the two apart."""
    cells = [script("asyncio")]
    with warnings.catch_warnings():
        # asyncio.run() refuses before awaiting main(): that coroutine is dropped unawaited.
        warnings.simplefilter("ignore", RuntimeWarning)
        with pytest.raises(RuntimeError, match="cannot be called from a running event loop"):
            asyncio.run(_run_cells(cells))
        gc.collect()


# --- through the installed command ---------------------------------------------------------


def _advisor(*args: str, cwd) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "advisor", "recommend", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        env=script_env(),
        timeout=120,
        check=False,
    )


CPU_NOTEBOOK = ["--cpu-bound", "yes", "--program", "notebook", "--free-threaded", "no"]


def test_cli_template_prints_the_cells_with_a_writefile_cell(tmp_path):
    proc = _advisor(*CPU_NOTEBOOK, "--template", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith("# %% [markdown]\n")
    assert "\n# %%\n%%writefile multiprocessing_example_workers.py\n" in proc.stdout
    assert "from multiprocessing_example_workers import load_table, process_chunk" in proc.stdout
    assert list(tmp_path.iterdir()) == []


def test_cli_emits_notebook_and_companion_never_clobbering(tmp_path):
    proc = _advisor(*CPU_NOTEBOOK, "--emit", "analysis.ipynb", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["analysis.ipynb", "analysis_workers.py"]
    assert "wrote multiprocessing_notebook notebook to analysis.ipynb" in proc.stderr
    assert "wrote the process-pool worker functions to analysis_workers.py" in proc.stderr
    assert "`from analysis_workers import ...`" in proc.stderr
    # A second time: the companion exists, nothing is written, the notebook is not touched.
    (tmp_path / "analysis.ipynb").unlink()
    before = (tmp_path / "analysis_workers.py").read_text(encoding="utf-8") + "# mine\n"
    (tmp_path / "analysis_workers.py").write_text(before, encoding="utf-8")
    again = _advisor(*CPU_NOTEBOOK, "--emit", "analysis.ipynb", cwd=tmp_path)
    assert again.returncode == 2
    assert "analysis_workers.py already exists" in again.stderr
    assert "add --force" in again.stderr
    assert not (tmp_path / "analysis.ipynb").exists()
    assert (tmp_path / "analysis_workers.py").read_text(encoding="utf-8") == before
    forced = _advisor(*CPU_NOTEBOOK, "--emit", "analysis.ipynb", "--force", cwd=tmp_path)
    assert forced.returncode == 0, forced.stderr
    assert "# mine" not in (tmp_path / "analysis_workers.py").read_text(encoding="utf-8")


def test_cli_refuses_ipynb_for_a_script_in_both_languages(tmp_path):
    args = ["--cpu-bound", "yes", "--free-threaded", "no", "--emit", "x.ipynb"]
    proc = _advisor(*args, cwd=tmp_path)
    assert proc.returncode == 2
    assert "add --program notebook" in proc.stderr
    zh = _advisor(*args, "--lang", "zh-TW", cwd=tmp_path)
    assert "請加上 --program notebook" in zh.stderr
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("lang", ["en", "zh-TW"])
def test_companion_modules_pass_ruff(lang, tmp_path):
    """The companion is a file the user keeps and edits: it lints as clean as the scripts."""
    ruff = _ruff()
    paths = []
    for template_id in SCRIPTS:
        companion = notebook_layout.parse(render(template_id, lang)).companion
        if companion is not None:
            path = tmp_path / f"{companion.module}.py"
            path.write_text(companion.code, encoding="utf-8")
            paths.append(path.name)
    assert paths
    for command in (["check", "--select", "E,W,F,I,UP,B"], ["format", "--check"]):
        proc = subprocess.run(
            [*ruff, *command, "--isolated", "--no-cache", *paths],
            capture_output=True,
            text=True,
            cwd=tmp_path,
            timeout=120,
            check=False,
        )
        assert proc.returncode == 0, proc.stdout + proc.stderr
