"""Every template advisor can emit, scanned by advisor: none may break a rule advisor itself
reports. Review 25, #9: `advisor recommend --program notebook --cpu-bound yes --emit cpu.ipynb`
then `advisor scan cpu.ipynb` reported ADV108 on the notebook's last cell; no test scanned the
templates at all, so the notebook forms (derived from the scripts, never files of their own)
were never read by the linter. The files are written by the CLI's own steps (`emit`), each
form in a folder of its own, then one `advisor scan` in a subprocess reads them all, as a user
would scan a project holding them.

One rule fires on purpose: ADV107 on the threading_cpu forms, the template for a free-threaded
build (3.13t/3.14t), which warns at run time when the GIL is on; the scan cannot know which
build runs it, and on a GIL build the finding is true (`EXPECTED`). Left out: a notebook form
emitted as percent-format cells to a `.py` (`--emit cells.py`), which `advisor scan` reads as
a script, not as cells (its last cell's top-level `await main()` is then reported as ADV103)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from advisor import notebook_layout, templating
from tests.helpers import run_advisor, user_env
from tests.recommend.test_templates import HEADER, SPECS


def _forms() -> list[tuple[str, str, str]]:
    """(the emitted form's id, the template whose answers fill it, the file it is written as):
    every template file, every notebook form as `.ipynb` and as the percent-format `.py`."""
    forms = [(t, t, templating.filename_for(t)) for t in templating.template_ids()]
    for form in sorted(templating.catalog()):
        source = templating.notebook_source(form)
        if source is not None:
            forms.append((form, source, f"{form}.ipynb"))
    return forms


#: The findings a form keeps on purpose, by the template its answers come from (see above).
EXPECTED = {"threading_cpu": {"ADV107"}}


def emit(folder: Path, form: str, source: str, name: str) -> list[str]:
    """Write *form* as `--emit NAME` does (the CLI's own steps); the paths written."""
    context = templating.context_for(form, SPECS[source]["answers"])
    code = templating.render(form, context, header=HEADER)
    notebook = templating.notebook_source(form) is not None
    folder.mkdir(parents=True)
    written = notebook_layout.outputs(code, str(folder / name), notebook=notebook)
    for output in written:
        Path(output.path).write_text(output.text, encoding="utf-8")
    return [output.path for output in written]


@pytest.mark.parametrize("lang", ["en", "zh-TW"])
def test_every_emitted_template_scans_clean(tmp_path: Path, lang: str) -> None:
    root = tmp_path / "emitted"
    written: list[str] = []
    expected: set[tuple[str, str]] = set()
    for index, (form, source, name) in enumerate(_forms()):
        folder = f"t{index}_{form}"
        written += emit(root / folder, form, source, name)
        expected.update((folder, code) for code in EXPECTED.get(source, ()))
    assert sum(p.endswith(".ipynb") for p in written) == 8
    result = run_advisor(
        "scan",
        ".",
        "--format",
        "json",
        "--lang",
        lang,
        env=user_env(tmp_path, lang),
        cwd=root,
        timeout=300,
    )
    report = json.loads(result.out)
    found = {(f["path"].partition("/")[0], f["code"]) for f in report["findings"]}
    shown = [f"{f['path']}:{f['line']}: {f['code']} {f['message']}" for f in report["findings"]]
    assert found == expected, "\n".join(shown) + result.err
    assert report["skipped"] == []
    assert report["checked"] == len(written)
