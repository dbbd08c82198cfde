"""Every template's notebook form, emitted as an .ipynb (plus its companion module) and run
the way Jupyter runs it: in a real ipykernel, through nbclient, cell by cell.

The process-pool templates run again with multiprocessing's start method forced to spawn
(macOS, Windows) and forkserver (Linux from 3.14): the review measured BrokenProcessPool
there when the worker functions lived in a cell. What is asserted is what the user sees in
the cells' outputs: the template's summary lines (the same patterns as the script runs in
fixtures/templates.yaml), no error output, nothing on stderr the script may not print.

One kernel serves the whole module (a kernel start costs seconds on a busy machine); each
notebook redefines everything it uses, as a fresh "Run all" would. The kernel runs in its
own session, which the fixture ends, kernel and pool workers alike, also on failure.
"""

from __future__ import annotations

import pytest

from advisor import notebook_layout, templating
from tests.recommend.test_templates import (
    HEADER,
    SPECS,
    Run,
    _reap_session,
    check_run,
    script_env,
)

nbformat = pytest.importorskip("nbformat")
pytest.importorskip("ipykernel")
nbclient = pytest.importorskip("nbclient")
from jupyter_client.manager import KernelManager  # noqa: E402  (after the skips)

CELL_TIMEOUT = 180
PROCESS_POOLS = ("multiprocessing", "asyncio_processes")


def _cases() -> list:
    cases = []
    for template_id in templating.script_template_ids():
        cases.append(pytest.param(template_id, None, id=template_id))
        if template_id in PROCESS_POOLS:
            for method in ("spawn", "forkserver"):
                cases.append(pytest.param(template_id, method, id=f"{template_id}-{method}"))
    return cases


@pytest.fixture(scope="module")
def kernel(tmp_path_factory):
    """A running kernel whose working folder is where the notebooks are emitted."""
    folder = tmp_path_factory.mktemp("notebooks")
    km = KernelManager(kernel_name="python3")
    km.start_kernel(cwd=str(folder), env=script_env())
    pid = km.provisioner.process.pid  # type: ignore[union-attr]
    try:
        yield km, folder
    finally:
        km.shutdown_kernel(now=True)
        _reap_session(pid)


def emit(folder, template_id: str, name: str) -> list[notebook_layout.Output]:
    """Write the notebook form exactly as `--emit NAME.ipynb` does (the CLI's own steps)."""
    nb_id = templating.variant_for(template_id, "notebook")
    context = templating.context_for(nb_id, SPECS[template_id]["answers"])
    code = templating.render(nb_id, context, header=HEADER)
    written = notebook_layout.outputs(code, str(folder / f"{name}.ipynb"), notebook=True)
    for output in written:
        with open(output.path, "w", encoding="utf-8") as handle:
            handle.write(output.text)
    return list(written)


def execute(km, folder, path: str, method: str | None):
    nb = nbformat.read(path, as_version=4)
    nbformat.validate(nb)
    if method is not None:
        # What a user on macOS/Windows (spawn) or Linux with 3.14 (forkserver) gets by default.
        force = f"import multiprocessing\nmultiprocessing.set_start_method({method!r}, force=True)"
        nb.cells.insert(0, nbformat.v4.new_code_cell(force))
        nb.cells.append(nbformat.v4.new_code_cell("multiprocessing.get_start_method()"))
    client = nbclient.NotebookClient(
        nb,
        km=km,
        timeout=CELL_TIMEOUT,
        allow_errors=True,  # every output is inspected below, errors included
        resources={"metadata": {"path": str(folder)}},
    )
    try:
        client.execute()
    finally:
        if client.kc is not None:
            client.kc.stop_channels()
    return nb


def seen(nb) -> tuple[Run, list[str], list[str]]:
    """stdout and stderr as the user reads them, the cells' results, and error outputs."""
    stdout, stderr, results, errors = [], [], [], []
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            if out["output_type"] == "stream":
                (stdout if out["name"] == "stdout" else stderr).append(out["text"])
            elif out["output_type"] == "execute_result":
                results.append(out["data"].get("text/plain", ""))
            elif out["output_type"] == "error":
                errors.append(f"{out['ename']}: {out['evalue']}")
    return Run(0, "".join(stdout), "".join(stderr)), results, errors


@pytest.mark.parametrize(("template_id", "method"), _cases())
def test_notebook_form_runs_in_a_kernel(template_id, method, kernel):
    spec = SPECS[template_id]
    if "needs" in spec:
        pytest.importorskip(spec["needs"])
    km, folder = kernel
    name = f"{template_id}_{method or 'default'}"
    written = emit(folder, template_id, name)
    assert [o.role for o in written] == (
        ["notebook", "companion"] if template_id in PROCESS_POOLS else ["notebook"]
    )
    nb = execute(km, folder, written[0].path, method)
    run, results, errors = seen(nb)
    assert errors == [], str(run)
    check_run(spec, run, spec["answers"])  # summary lines, bounds, allowed stderr only
    if method is not None:
        assert results[-1] == repr(method)
    if "sys.exit(" in templating.render(template_id, templating.context_for(template_id, {})):
        assert results[0] == "0", results  # main([])'s exit status, shown as the result
