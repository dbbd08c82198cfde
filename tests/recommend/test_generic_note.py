"""`scan --recommend` on code built on a framework the template has no form for says so, on
stderr, in the user's language: newcomer review 25 (4) found Streamlit, Gradio, Tornado and RQ
apps handed the FastAPI app with nothing said. Code the generic template is written for (a
FastAPI app, a Tk window) and code that got its framework's form hear nothing."""

from __future__ import annotations

from pathlib import Path

import pytest

from advisor import templating
from tests.helpers import run_advisor, user_env

STREAMLIT = """\
import requests
import streamlit as st
from concurrent.futures import ThreadPoolExecutor

URLS = st.text_area("urls").split()


def fetch(url):
    return requests.get(url, timeout=10).status_code


if st.button("Check"):
    with ThreadPoolExecutor(max_workers=8) as pool:
        st.write(list(pool.map(fetch, URLS)))
"""

FASTAPI = """\
import requests
from fastapi import FastAPI

app = FastAPI()


@app.get("/status")
def status(url: str) -> int:
    return requests.get(url, timeout=10).status_code
"""

WINDOW = """\
import sys
from concurrent.futures import ThreadPoolExecutor

import requests
from {toolkit} import {names}

POOL = ThreadPoolExecutor(max_workers=8)


def download(url):
    return requests.get(url, timeout=10).content


if __name__ == "__main__":
    {start}
"""
TK = WINDOW.format(
    toolkit="tkinter",
    names="Tk, Button",
    start="root = Tk()\n    Button(root, command=lambda: POOL.submit(download, 'x')).pack()\n"
    "    root.mainloop()",
)
QT = WINDOW.format(
    toolkit="PyQt6.QtWidgets",
    names="QApplication, QPushButton",
    start="app = QApplication(sys.argv)\n    button = QPushButton('go')\n"
    "    button.clicked.connect(lambda: POOL.submit(download, 'x'))\n    button.show()\n"
    "    sys.exit(app.exec())",
)

NOTES = {
    "en": "no Streamlit form of service_threads; the template is the generic one",
    "zh-TW": "service_threads 沒有 Streamlit 形式；範本為通用版本",
}


def scan(tmp_path: Path, code: str, lang: str = "en") -> str:
    (tmp_path / "app.py").write_text(code, encoding="utf-8")
    result = run_advisor(
        "scan",
        str(tmp_path),
        "--recommend",
        "--concurrency",
        "8",
        "--format",
        "json",
        env=user_env(tmp_path, lang),
    )
    assert result.code == 0, result.err
    return result.err


@pytest.mark.parametrize("lang", sorted(NOTES))
def test_a_framework_without_a_form_is_said(tmp_path: Path, lang: str) -> None:
    assert NOTES[lang] in scan(tmp_path, STREAMLIT, lang).splitlines()


@pytest.mark.parametrize("code", [FASTAPI, TK, QT], ids=["fastapi", "tk", "qt"])
def test_code_the_template_fits_hears_nothing(tmp_path: Path, code: str) -> None:
    assert "form of" not in scan(tmp_path, code)


def test_only_generic_templates_say_what_they_are_written_for() -> None:
    """A framework's own form names no `written_for`: the note is about the generic ones."""
    forms = {
        str(form)
        for entry in templating.catalog().values()
        for form in (entry.get("frameworks") or {}).values()
    }
    written = {t for t, entry in templating.catalog().items() if entry.get("written_for")}
    assert written
    assert not written & forms
