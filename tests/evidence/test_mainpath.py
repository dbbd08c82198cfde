"""The main path (issue 19, cause 2) on small projects in memory: which entry points are the
main ones, what they reach along calls and imports, and what is listed instead of counted.
The fixture projects drive the same code through the installed CLI (test_real_world.py)."""

from __future__ import annotations

import advisor
from advisor.inference import Inference, SourceFile


def infer(files: dict[str, str]) -> Inference:
    return advisor.infer([SourceFile(path, text) for path, text in files.items()])


def off(inference: Inference) -> dict[str, tuple[str, ...]]:
    return dict(inference.off_path)


def test_a_method_is_reached_through_the_type_the_code_says() -> None:
    """``self.store = Store()`` then ``self.store.save()``: Store.save runs; Store.refresh,
    called only by a helper script, does not (and the helper is no main entry point)."""
    inference = infer(
        {
            "main.py": (
                "from store import Store\n\n\nclass App:\n    def __init__(self):\n"
                "        self.store = Store()\n\n    def run(self):\n"
                "        self.store.save(1)\n\n\n"
                'if __name__ == "__main__":\n    App().run()\n'
            ),
            "store.py": (
                "import sqlite3\nimport requests\n\n\nclass Store:\n    def save(self, x):\n"
                "        sqlite3.connect('a.db').execute('insert', (x,))\n\n"
                "    def refresh(self):\n        return requests.get('https://example.com')\n"
            ),
            "update_store.py": (
                'from store import Store\n\nif __name__ == "__main__":\n    Store().refresh()\n'
            ),
        }
    )
    assert inference.main_path == (("main.py:12", "main_guard", ""),)
    assert off(inference) == {
        "store.py: Store.refresh()": ("async_libs", "cpu_bound"),
        "update_store.py": ("program",),
    }
    libraries = inference.questions["async_libs"]
    assert {e.signal for e in libraries.evidence} == {"sqlite3"}


def test_an_app_named_in_text_is_on_the_path() -> None:
    """``uvicorn.run("api.server:app")`` in main.py reaches the FastAPI app: a service."""
    inference = infer(
        {
            "main.py": (
                "import uvicorn\n\n\ndef main():\n"
                '    uvicorn.run("api.server:app", port=8000)\n\n\n'
                'if __name__ == "__main__":\n    main()\n'
            ),
            "api/__init__.py": "",
            "api/server.py": (
                "from fastapi import FastAPI\n\napp = FastAPI()\n\n\n"
                '@app.get("/")\nasync def index():\n    return {}\n'
            ),
        }
    )
    assert inference.off_path == ()
    assert inference.questions["program"].value == "service"


def test_an_optional_web_ui_is_no_service() -> None:
    """A Flask app nothing on the main path imports: listed, and --program is no service."""
    inference = infer(
        {
            "main.py": (
                "import requests\n\n\ndef main():\n    requests.get('https://example.com')\n\n\n"
                'if __name__ == "__main__":\n    main()\n'
            ),
            "web.py": (
                "from flask import Flask\n\napp = Flask(__name__)\n\n\n"
                '@app.route("/")\ndef index():\n    return "ok"\n'
            ),
        }
    )
    assert "web.py" in off(inference)
    program = inference.questions["program"]
    assert program.value == "script"
    assert "program" in off(inference)["web.py"]


def test_a_bound_passed_in_takes_the_value_the_main_path_passes() -> None:
    """``crawl(urls, limit=args.limit)`` with ``--limit`` defaulting to 40: the Semaphore in
    crawl is 40, not the parameter's own default of 5."""
    inference = infer(
        {
            "main.py": (
                "import argparse\nimport asyncio\n\nimport aiohttp\n\n\n"
                "async def crawl(urls, limit=5):\n    gate = asyncio.Semaphore(limit)\n"
                "    async with aiohttp.ClientSession() as session:\n"
                "        async with gate:\n            await session.get(urls[0])\n\n\n"
                "def main():\n    parser = argparse.ArgumentParser()\n"
                '    parser.add_argument("--limit", type=int, default=40)\n'
                "    args = parser.parse_args()\n    asyncio.run(crawl(['u'], limit=args.limit))\n\n\n"
                'if __name__ == "__main__":\n    main()\n'
            )
        }
    )
    assert inference.questions["concurrency"].value == 40


def test_functions_in_a_dispatch_table_run() -> None:
    """``ACTIONS = {"fetch": fetch}`` then ``ACTIONS[name]()``: fetch is on the main path."""
    inference = infer(
        {
            "main.py": (
                "import sys\n\nimport requests\n\n\ndef fetch():\n"
                "    return requests.get('https://example.com')\n\n\n"
                'ACTIONS = {"fetch": fetch}\n\n'
                'if __name__ == "__main__":\n    ACTIONS[sys.argv[1]]()\n'
            )
        }
    )
    assert inference.off_path == ()
    assert inference.questions["async_libs"].value is False


def test_a_star_import_and_a_property_are_followed() -> None:
    """``from helpers import *`` then ``fetch()``; ``client.status`` read as a property."""
    inference = infer(
        {
            "main.py": (
                "from helpers import *\n\n\n"
                'if __name__ == "__main__":\n    print(fetch(), Client().status)\n'
            ),
            "helpers.py": (
                "import sqlite3\n\nimport requests\n\n\ndef fetch():\n"
                "    return requests.get('https://example.com')\n\n\n"
                "class Client:\n    @property\n    def status(self):\n"
                "        return sqlite3.connect('a.db')\n"
            ),
        }
    )
    assert inference.off_path == ()
    signals = {e.signal for e in inference.questions["async_libs"].evidence}
    assert signals == {"requests", "sqlite3"}
