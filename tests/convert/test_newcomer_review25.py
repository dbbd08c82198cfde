"""Review 25, #11: convert's refusals gave the line of a use in another file without naming
the file (spotdl's ``meta`` stored in ``entry_point.py``'s command table, reported as "used as
a value at line 33" under ``meta.py``), and called an ordinary method "a lambda, nested
function, class or generator expression". A minimal project of that shape, written here,
through the installed CLI in both languages."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers import run_advisor, user_env

WORK = """\
import threading
import time


def fetch(n):
    time.sleep(0.1)
    return n


def main():
    threads = [threading.Thread(target=fetch, args=(i,)) for i in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()


if __name__ == "__main__":
    main()
"""

#: (case, pkg/other.py, what the refusal says in English, in zh-TW)
CASES = [
    (
        "stored_in_another_file",
        'from pkg.work import main\n\nCOMMANDS = {"main": main}\n',
        "it is used as a value at pkg/other.py:3 (",
        "它在 pkg/other.py:3 被當成值使用",
    ),
    (
        "called_from_a_method",
        "from pkg.work import main\n\n\nclass Runner:\n    def go(self):\n        return main()\n",
        "it is called at pkg/other.py:6 from the method go() (convert turns only module-level",
        "它在 pkg/other.py:6 被方法 go()（convert 只把模組層級的函式改成協程）呼叫",
    ),
    (
        "lambda_in_its_own_file",
        "",
        "it is called at line 22 from a lambda, which cannot await",
        "它在第 22 行被 lambda 呼叫",
    ),
]


@pytest.mark.parametrize(("other", "en", "zh"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
@pytest.mark.parametrize("lang", ["en", "zh-TW"])
def test_a_refusal_names_the_file_and_the_kind_of_code_of_a_use(
    tmp_path: Path, lang: str, other: str, en: str, zh: str
) -> None:
    package = tmp_path / "pkg"
    package.mkdir()
    (package / "__init__.py").write_text("", encoding="utf-8")
    work = WORK if other else WORK + "\n\nLATER = lambda: main()\n"
    (package / "work.py").write_text(work, encoding="utf-8")
    if other:
        (package / "other.py").write_text(other, encoding="utf-8")
    result = run_advisor(
        "convert", "pkg", "--lang", lang, env=user_env(tmp_path, lang), cwd=tmp_path
    )
    assert result.code == 1, result.out + result.err
    shown = result.out + result.err
    assert "pkg/work.py:10: " in shown
    assert (en if lang == "en" else zh) in shown, shown
