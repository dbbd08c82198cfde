"""Issue 19, causes 2 and 8, on both sides: what makes a project that ships a package an
application, and which of an application's entry points is its program.

Each project is our own minimal reproduction of a shape seen on the recommend corpus
(benchmarks/apps.yaml): aiohttp's and SQLAlchemy's ``tools/`` code generators and
``requirements/`` sync script, rich's ``rich/__main__.py`` demo in a typed package, black's
``blackd`` script behind the ``[d]`` extra, spotdl's ``if arguments.operation == "web": ...
return`` before its downloads. The other side of each: an application run only as ``python -m
app`` (a ``__main__.py`` handing over to ``cli.main``), a self-contained ``__main__.py`` in an
untyped package, a service whose entry function returns early only for ``--version``.

The library refusals go through the installed CLI (what the user reads); the rest is
in memory, through the same inference.
"""

from __future__ import annotations

from pathlib import Path

import advisor
from advisor.evidence.sources import declared_scripts
from advisor.evidence.weigh import infer as weigh_infer
from advisor.inference import Inference, SourceFile
from tests.helpers import run_advisor

#: A package's own code: it calls requests, nothing starts it.
LIBRARY = {
    "fetchkit/__init__.py": "from fetchkit.client import get\n",
    "fetchkit/client.py": (
        "import requests\n\n\ndef get(url):\n    return requests.get(url, timeout=5).text\n"
    ),
}

#: rich/__main__.py's shape: build the package's own objects and print them.
DEMO = (
    "from fetchkit.client import get\n\n\ndef sample():\n    return ['a', 'b']\n\n\n"
    'if __name__ == "__main__":\n    for item in sample():\n        print(item)\n'
)


def write(root: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


def infer(files: dict[str, str], declared: list[str] | None = None) -> Inference:
    sources = [SourceFile(path, text) for path, text in files.items()]
    if declared is None:
        return advisor.infer(sources)
    return weigh_infer(sources, declared)


def program_of(inference: Inference) -> object:
    """The decided --program, or None."""
    answer = inference.questions.get("program")
    return answer.value if answer is not None and answer.decided else None


def test_dev_tooling_outside_the_package_makes_no_application(tmp_path: Path) -> None:
    """aiohttp and SQLAlchemy: main guards in tools/, module-level code in requirements/ and
    typing-examples/ (attrs) beside the package: still a library, said in both languages."""
    write(
        tmp_path,
        {
            **LIBRARY,
            "tools/gen_headers.py": (
                "import pathlib\n\n\ndef main():\n    pathlib.Path('h.txt').write_text('x')\n\n\n"
                'if __name__ == "__main__":\n    main()\n'
            ),
            "requirements/sync-deps.py": "from pathlib import Path\n\nprint(Path('a.in'))\n",
            "typing-examples/baseline.py": "import fetchkit\n\nprint(fetchkit.get('u'))\n",
        },
    )
    inference = advisor.infer([str(tmp_path)])
    assert inference.entry_points == ()
    result = run_advisor("scan", ".", "--recommend", cwd=tmp_path)
    assert result.code == 2
    assert "this looks like a library (no main guard" in result.err


def test_a_script_folder_beside_the_package_is_still_a_program() -> None:
    """The other side: scripts/train.py is how a research project runs (not a helper's name);
    a loose main.py beside the package too."""
    inference = infer(
        {
            **LIBRARY,
            "scripts/train.py": (
                'from fetchkit import get\n\nif __name__ == "__main__":\n    get("u")\n'
            ),
            "scripts/release.py": 'if __name__ == "__main__":\n    print("tag")\n',
        }
    )
    assert inference.entry_points == ("scripts/train.py:3 (main guard)",)


def test_a_demo_main_in_a_typed_package_is_a_library(tmp_path: Path) -> None:
    """rich: the only entry is a __main__.py that shows the package off, and py.typed says
    it is meant to be imported: refused, the demo and the mark named, in both languages."""
    write(tmp_path, {**LIBRARY, "fetchkit/__main__.py": DEMO, "fetchkit/py.typed": ""})
    result = run_advisor("scan", ".", "--recommend", cwd=tmp_path)
    assert result.code == 2
    assert result.err == (
        "advisor: error: .: this looks like a library: its only entry point, "
        "fetchkit/__main__.py:1, shows the package off without handing over to a main "
        "function, and fetchkit/py.typed says it is meant to be imported; scan the "
        "application that uses it, or add --application to recommend for this code anyway\n"
    )
    zh = run_advisor("scan", "--lang", "zh-TW", ".", "--recommend", cwd=tmp_path)
    assert zh.code == 2
    assert zh.err == (
        "advisor: error: .：這看起來是函式庫：唯一的進入點 fetchkit/__main__.py:1 "
        "只是展示這個套件，沒有交給 main 函式執行，而且 fetchkit/py.typed "
        "表示它是供匯入使用的；請掃描使用它的應用程式，或加上 --application "
        "仍為這段程式碼推薦\n"
    )


def test_python_dash_m_is_an_application_when_main_hands_over(tmp_path: Path) -> None:
    """The other side of rich: an application with no declared script, run as ``python -m
    fetchkit``, whose __main__.py calls cli.main, is recommended for even with a py.typed;
    so is an untyped package whose __main__.py does the work itself."""
    write(
        tmp_path,
        {
            **LIBRARY,
            "fetchkit/py.typed": "",
            "fetchkit/cli.py": (
                "import sys\n\nfrom fetchkit.client import get\n\n\n"
                "def main():\n    for url in sys.argv[1:]:\n        print(get(url))\n"
            ),
            "fetchkit/__main__.py": "from fetchkit.cli import main\n\nmain()\n",
        },
    )
    inference = advisor.infer([str(tmp_path)])
    assert inference.entry_points == ("fetchkit/__main__.py:1 (__main__.py)",)
    assert inference.demos == ()
    untyped = infer({**LIBRARY, "fetchkit/__main__.py": DEMO})
    assert untyped.demos == ("fetchkit/__main__.py:1 (__main__.py)",)
    (tmp_path / "fetchkit" / "py.typed").unlink()
    (tmp_path / "fetchkit" / "__main__.py").write_text(DEMO, encoding="utf-8")
    flags = ["--cpu-bound", "no", "--async-libs", "no", "--concurrency", "8"]
    result = run_advisor("scan", ".", "--recommend", *flags, "--shared-memory", "no", cwd=tmp_path)
    assert result.code == 0, result.err
    assert result.out.startswith("Recommendation: threading\n")


def test_an_extras_script_is_secondary(tmp_path: Path) -> None:
    """black: ``blackd = "blackd:main [d]"`` beside ``black``; the script named like the
    project is the program, and only its own package's __main__.py joins it: blackd's
    aiohttp server is listed, not counted, so the program is no service."""
    write(
        tmp_path,
        {
            "pyproject.toml": (
                '[project]\nname = "Fmt-Tool"\nversion = "1"\n\n[project.scripts]\n'
                'fmt-tool = "fmt_tool:main"\nfmtd = "fmtd:main [d]"\nfmt-lint = "fmt_tool.lint:main"\n'
            ),
        },
    )
    # The other plain script is marked "+": followed only if fmt-tool only listed the others.
    assert declared_scripts([str(tmp_path)]) == ["fmt_tool:main", "+fmt_tool.lint:main"]
    files = {
        "fmt_tool/__init__.py": (
            "import sys\n\n\ndef main():\n    for name in sys.argv[1:]:\n"
            "        with open(name) as f:\n            print(f.read().upper())\n"
        ),
        "fmt_tool/__main__.py": "from fmt_tool import main\n\nmain()\n",
        "fmtd/__init__.py": (
            "from aiohttp import web\n\n\nasync def handle(request):\n"
            "    return web.Response(text='ok')\n\n\ndef main():\n    app = web.Application()\n"
            "    app.router.add_post('/', handle)\n    web.run_app(app)\n"
        ),
        "fmtd/__main__.py": "from fmtd import main\n\nmain()\n",
    }
    inference = infer(files, ["fmt_tool:main"])
    assert inference.main_path == (
        ("fmt_tool:main", "script", ""),
        ("fmt_tool/__main__.py:1", "dunder_main", ""),
    )
    assert "fmtd/__init__.py" in dict(inference.off_path)
    assert program_of(inference) != "service"


#: spotdl's entry function: the web UI is another command, returned from before the work.
MODES = (
    "import argparse\n\nimport requests\n\nfrom app.web import serve\n\n\n"
    "def main():\n    parser = argparse.ArgumentParser()\n"
    '    parser.add_argument("operation", choices=["download", "web"])\n'
    '    parser.add_argument("urls", nargs="*")\n    args = parser.parse_args()\n'
    '    if args.operation == "web":\n        serve()\n        return\n'
    "    for url in args.urls:\n        requests.get(url, timeout=5)\n"
)
WEB = (
    "from fastapi import APIRouter, FastAPI\nimport uvicorn\n\nrouter = APIRouter()\n\n\n"
    '@router.get("/")\nasync def index():\n    return {}\n\n\n'
    "def serve():\n    app = FastAPI()\n    app.include_router(router)\n    uvicorn.run(app)\n"
)


def test_a_server_in_another_command_is_not_the_program() -> None:
    """spotdl: ``if args.operation == "web": serve(); return`` then the downloads: the
    program is a script (its web UI still counts where it is reached), not a service."""
    inference = infer(
        {"app/__init__.py": "", "app/cli.py": MODES, "app/web.py": WEB}, ["app.cli:main"]
    )
    assert program_of(inference) != "service"
    # The web UI's module is imported by default, so it is not off the path: it is a command.
    assert "app/web.py" not in dict(inference.off_path)


def test_a_service_that_returns_early_for_version_is_still_a_service() -> None:
    """The other side: ``if args.version: print(...); return`` then ``uvicorn.run(app)``:
    the early return is no other command that starts the server; the program serves."""
    cli = (
        "import argparse\n\nfrom app.web import serve\n\n\n"
        "def main():\n    parser = argparse.ArgumentParser()\n"
        '    parser.add_argument("--version", action="store_true")\n'
        "    args = parser.parse_args()\n    if args.version:\n        print('1.0')\n"
        "        return\n    serve()\n"
    )
    inference = infer(
        {"app/__init__.py": "", "app/cli.py": cli, "app/web.py": WEB}, ["app.cli:main"]
    )
    assert program_of(inference) == "service"


def test_exported_names_and_plain_words_are_no_modules() -> None:
    """``__all__ = ["web"]`` and ``OPERATIONS = ["download", "web"]`` name no module: the
    functions of app/web.py are not all reached because a word matches the file's name."""
    inference = infer(
        {
            "app/__init__.py": "",
            "app/cli.py": (
                'import requests\n\n__all__ = ["main"]\nOPERATIONS = ["download", "web"]\n\n\n'
                "def main():\n    requests.get('https://example.com', timeout=5)\n"
            ),
            "app/web.py": WEB,
        },
        ["app.cli:main"],
    )
    assert "app/web.py" in dict(inference.off_path)
    assert program_of(inference) != "service"


def test_scripts_built_by_a_comprehension_in_setup_py(tmp_path: Path) -> None:
    """csvkit: ``[f"{bin} = csvkit.utilities.{bin}:launch_new_instance" for bin in bins]``
    over a literal tuple; read with ast, never run: every tool is where the program starts."""
    write(
        tmp_path,
        {
            "setup.py": (
                "from setuptools import setup\n\nbins = ('csvcut', 'csvsort')\n\n"
                "setup(entry_points={'console_scripts': [\n"
                "    f'{bin} = kit.utilities.{bin}:launch' for bin in bins\n]})\n"
            )
        },
    )
    assert declared_scripts([str(tmp_path)]) == [
        "kit.utilities.csvcut:launch",
        "kit.utilities.csvsort:launch",
    ]


def test_a_server_class_built_on_the_framework_is_the_app() -> None:
    """radicale: ``server_class = SecureServer if tls else Server`` then ``server_class(...)``,
    Server built on wsgiref's WSGIServer: the app is on the default path, the program serves
    (no framework constructor is called by name anywhere)."""
    server = (
        "import socketserver\nimport wsgiref.simple_server\n\n\n"
        "class Server(socketserver.ThreadingMixIn, wsgiref.simple_server.WSGIServer):\n"
        "    def finish_request(self, request, address):\n"
        "        return super().finish_request(request, address)\n\n\n"
        "class SecureServer(Server):\n    pass\n\n\n"
        "def serve(tls=False):\n    server_class = SecureServer if tls else Server\n"
        "    httpd = server_class(('127.0.0.1', 5232), wsgiref.simple_server.WSGIRequestHandler)\n"
        "    httpd.serve_forever()\n"
    )
    cli = "from app import server\n\n\ndef main():\n    server.serve()\n"
    inference = infer(
        {"app/__init__.py": "", "app/cli.py": cli, "app/server.py": server}, ["app.cli:main"]
    )
    assert program_of(inference) == "service"


def test_a_main_that_builds_a_command_line_is_the_program(tmp_path: Path) -> None:
    """pyftpdlib's shape (giampaolo/pyftpdlib, pyftpdlib/__main__.py): a package declared a
    library, demo programs in scripts/ beside it, and a ``__main__.py`` that writes its own
    main, whose guard calls main(), which calls parse_args(), which builds the
    ArgumentParser: ``python -m fetchkit ARGS`` is the program, not a demo of the library."""
    main = (
        "import argparse\n\nfrom fetchkit.client import get\n\n\n"
        "def parse_args():\n    parser = argparse.ArgumentParser()\n"
        "    parser.add_argument('url')\n    return parser.parse_args()\n\n\n"
        "def main():\n    print(get(parse_args().url))\n\n\n"
        'if __name__ == "__main__":\n    main()\n'
    )
    files = {
        **LIBRARY,
        "fetchkit/__main__.py": main,
        "scripts/load.py": 'import fetchkit\n\nif __name__ == "__main__":\n    fetchkit.get("u")\n',
        "setup.py": (
            "from setuptools import setup\n\nsetup(name='fetchkit', classifiers=["
            "'Topic :: Software Development :: Libraries'])\n"
        ),
    }
    write(tmp_path, files)
    result = run_advisor("scan", ".", "--recommend", cwd=tmp_path)
    assert "this looks like a library" not in result.err
    assert "Recommendation: threading" in result.out
