"""The framework forms of the service templates, as a user of that framework gets them (issue
19: `scan --recommend` on a Django, Bottle, Pyramid, Falcon or aiohttp service handed over a
FastAPI app).

Each form is emitted by the installed CLI (`recommend ... --framework NAME --emit`), checked
to compile and to import its framework and no FastAPI, then run the way its docstring says
first (`python <file>`; -u, as a terminal shows its lines at once) on a free 127.0.0.1 port in its own session, hit by concurrent
requests and stopped with Ctrl-C (SIGINT), also when the test fails (the service templates'
runner, `served`). The plain WSGI form's docstring routes Bottle, Falcon and Pyramid to its
`read_item`: each of those routes is served too. What is asserted is counted, never timed:
the statuses, the pools or clients created (one), the peak of calls in flight (exactly the
configured concurrency: reached, never exceeded) and the processes left behind (none).

`scan --recommend` on tiny projects of each framework (written here, our own reproductions)
picks the form and prints a repeat command that gives it again.
"""

from __future__ import annotations

import ast
import json
import re
import shlex
import sys
import textwrap
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pytest

from advisor import templating
from tests.recommend.test_flask_template import advisor
from tests.recommend.test_service_templates import fire, served, stats, uvicorn_command

pytest.importorskip("httpx")
pytest.importorskip("psutil")

#: The answers of a sync service with blocking calls (the threading leaf).
BLOCKING = ["--cpu-bound", "no", "--program", "service", "--cpu-heavy-steps", "no"]
BLOCKING += ["--shared-memory", "no", "--async-libs", "no", "--async-app", "no"]
#: An async app calling blocking libraries (asyncio_threads).
BLOCKING_IN_ASYNC = [*BLOCKING[:-1], "yes"]
#: An async app with async libraries (asyncio).
ASYNC = ["--cpu-bound", "no", "--program", "service", "--cpu-heavy-steps", "no"]
ASYNC += ["--shared-memory", "no", "--async-libs", "yes"]

CONCURRENCY = 8


@dataclass(frozen=True)
class Form:
    """One framework's form, how it is asked for, run and counted."""

    framework: str
    template: str
    answers: tuple[str, ...]
    imports: str  # the framework's top-level module the code imports
    ready: str  # the line the server logs once it serves
    requests: int  # x FAN_OUT calls each, far above CONCURRENCY
    peak: str  # the /stats key counting calls in flight
    created: str  # the /stats key counting pools or clients
    uvicorn: bool = False  # run as `uvicorn module:app` (its docstring's first way)
    asgi: bool = False  # served by uvicorn, which it may import (never FastAPI)

    def __str__(self) -> str:
        return f"{self.framework}-{self.template}"


FORMS = [
    Form(
        "Django",
        "service_threads_django",
        tuple(BLOCKING),
        "django",
        "Starting development server at http://127.0.0.1:{port}/",
        20,
        "peak_running",
        "pools_created",
    ),
    Form(
        "Django",
        "service_asyncio_django",
        tuple(ASYNC),
        "django",
        "Application startup complete.",
        40,
        "peak_in_flight",
        "clients_opened",
        asgi=True,
    ),
    Form(
        "Bottle",
        "service_threads_wsgi",
        tuple(BLOCKING),
        "wsgiref",
        "Serving on http://127.0.0.1:{port}",
        20,
        "peak_running",
        "pools_created",
    ),
    Form(
        "aiohttp.web",
        "service_threads_aiohttp",
        tuple(BLOCKING_IN_ASYNC),
        "aiohttp",
        "Running on http://127.0.0.1:{port}",
        40,
        "peak_running",
        "pools_created",
    ),
    Form(
        "aiohttp.web",
        "service_asyncio_aiohttp",
        tuple(ASYNC),
        "aiohttp",
        "Running on http://127.0.0.1:{port}",
        40,
        "peak_in_flight",
        "clients_opened",
    ),
    Form(
        "Starlette",
        "service_threads_starlette",
        tuple(BLOCKING_IN_ASYNC),
        "starlette",
        "Application startup complete.",
        40,
        "peak_running",
        "pools_created",
        uvicorn=True,
    ),
    Form(
        "Starlette",
        "service_asyncio_starlette",
        tuple(ASYNC),
        "starlette",
        "Application startup complete.",
        40,
        "peak_in_flight",
        "clients_opened",
        uvicorn=True,
    ),
]


def imported(code: str) -> set[str]:
    """The top-level modules *code* imports."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(code)):
        if isinstance(node, ast.Import):
            names |= {alias.name.partition(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            names.add(node.module.partition(".")[0])
    return names


def emit(form: Form, target: Path, lang: str = "en", framework: str | None = None) -> str:
    """The CLI writes *form* for its framework (or *framework*, which shares it) to *target*;
    its code, checked to compile and to name the framework in its repeat command."""
    framework = framework or form.framework
    done = advisor(
        "recommend",
        *form.answers,
        "--concurrency",
        str(CONCURRENCY),
        "--framework",
        framework,
        "--lang",
        lang,
        "--emit",
        str(target),
    )
    assert done.returncode == 0, done.stderr
    code = target.read_text(encoding="utf-8")
    compile(code, str(target), "exec")
    assert code.splitlines()[1].endswith(f"--framework {framework} --template"), code[:400]
    return code


def check_served(form: Form, target: Path, command: tuple[str, ...]) -> None:
    """Serve *target* with *command*, fire the requests, count what the app did."""
    requests = [f"/items/{i}" for i in range(form.requests)]
    with served(target, *command, ready=form.ready) as server:
        load = fire(server, requests)
        after = stats(server)
    assert Counter(load.statuses) == {200: len(requests)}, f"{load.failures[:3]}\n{server}"
    assert after[form.created] == 1, after
    assert after[form.peak] == CONCURRENCY, after  # the bound: reached, never exceeded
    assert after.get("running", after.get("in_flight")) == 0, after
    assert server.process.returncode == 0, str(server)
    assert server.left_behind == [], str(server)
    assert "Traceback" not in server.logged(), str(server)


@pytest.mark.parametrize("lang", ["en", "zh-TW"])
@pytest.mark.parametrize("form", FORMS, ids=str)
def test_the_emitted_form_serves_with_one_pool_of_the_answered_size(form, lang, tmp_path):
    pytest.importorskip(form.imports)
    target = tmp_path / templating.filename_for(form.template)
    code = emit(form, target, lang)
    modules = imported(code)
    assert form.imports in modules
    foreign = {"fastapi", "anyio", "starlette", "uvicorn"} - {form.imports}
    if form.asgi or form.uvicorn:
        foreign.discard("uvicorn")
    assert not modules & foreign, modules
    if form.uvicorn:
        check_served(form, target, uvicorn_command())
    else:
        check_served(form, target, (sys.executable, "-u", target.name))


# --- the plain WSGI form's routes for Bottle, Falcon and Pyramid ----------------------

#: The framework, its package, and the header of its route in the form's docstring.
ROUTES = [("Bottle", "bottle"), ("Falcon", "falcon"), ("Pyramid", "pyramid")]

#: Serves the route the docstring shows (its `app`) beside the plain app's /stats, with the
#: form's own threaded wsgiref server, stopped by Ctrl-C as the form is.
WRAPPER = """\
import os
from wsgiref.simple_server import make_server

from service_threads_wsgi_app import POOL, ThreadingWSGIServer, read_item
from service_threads_wsgi_app import app as plain

{route}

framework_app = app


def both(environ, start_response):
    if environ.get("PATH_INFO") == "/stats":
        return plain(environ, start_response)
    return framework_app(environ, start_response)


if __name__ == "__main__":
    port = int(os.environ["PORT"])
    with make_server("127.0.0.1", port, both, server_class=ThreadingWSGIServer) as server:
        print(f"Serving on http://127.0.0.1:{{port}}", flush=True)
        try:
            server.serve_forever()
        except KeyboardInterrupt:
            pass
        finally:
            POOL.shutdown(cancel_futures=True)
"""


def docstring_routes(code: str) -> dict[str, str]:
    """The indented code blocks of the module docstring, by their first comment's first word
    (`# Bottle`, `# Falcon: ...`): the routes a user copies into their app."""
    doc = ast.get_docstring(ast.parse(code), clean=False) or ""
    blocks: dict[str, list[str]] = {}
    current: list[str] | None = None
    for line in doc.splitlines():
        if line.startswith("    # "):
            name = line[len("    # ") :].replace("：", ":").split(":")[0].split()[0]
            current = blocks.setdefault(name, [])
        elif current is not None and (line.startswith("    ") or not line.strip()):
            current.append(line)
        else:
            current = None
    return {name: textwrap.dedent("\n".join(lines)).strip() for name, lines in blocks.items()}


def test_the_wsgi_form_routes_every_framework_it_is_chosen_for():
    """The catalog maps Bottle, Falcon and Pyramid to the plain WSGI form: its docstring
    shows each one's route, the same code in both languages."""
    mapped = templating.catalog()["service_threads"]["frameworks"]
    shared = sorted(name for name, form in mapped.items() if form == "service_threads_wsgi")
    assert shared == [name for name, _ in ROUTES]
    context = templating.context_for("service_threads_wsgi", {})
    en = docstring_routes(templating.render("service_threads_wsgi", context))
    zh = docstring_routes(templating.render("service_threads_wsgi", context, lang="zh-TW"))
    assert sorted(en) == sorted(zh) == shared
    assert en == zh
    assert "class Items:" in en["Falcon"]
    assert "def on_get(self, req, resp, item):" in en["Falcon"]


@pytest.mark.parametrize(("framework", "package"), ROUTES)
def test_the_wsgi_forms_route_serves_in_its_framework(framework, package, tmp_path):
    pytest.importorskip(package)
    form = next(f for f in FORMS if f.template == "service_threads_wsgi")
    target = tmp_path / templating.filename_for(form.template)
    code = emit(form, target, framework=framework)
    assert imported(code) <= set(sys.stdlib_module_names) | {"__future__"}
    wrapper = tmp_path / f"{package}_routes.py"
    wrapper.write_text(WRAPPER.format(route=docstring_routes(code)[framework]), encoding="utf-8")
    compile(wrapper.read_text(encoding="utf-8"), str(wrapper), "exec")
    check_served(form, wrapper, (sys.executable, "-u", wrapper.name))


# --- scan --recommend on each framework's project --------------------------------------

#: Tiny apps of each framework, each calling its upstream the way that framework's users do
#: (our own reproductions of issue 19's report), and the form scan must pick.
PROJECTS = {
    "Django": (
        "service_threads_django",
        """
import requests
from django.http import JsonResponse
from django.urls import path

session = requests.Session()


def get_user(request, user_id):
    return JsonResponse(session.get(f"https://api.example.invalid/{user_id}", timeout=5).json())


urlpatterns = [path("users/<int:user_id>", get_user)]
""",
    ),
    "Django with httpx": (
        "service_asyncio_django",
        """
import httpx
from django.http import JsonResponse
from django.urls import path


async def get_user(request, user_id):
    async with httpx.AsyncClient() as client:
        url = f"https://api.example.invalid/{user_id}"
        return JsonResponse((await client.get(url, timeout=5)).json())


urlpatterns = [path("users/<int:user_id>", get_user)]
""",
    ),
    "Bottle": (
        "service_threads_wsgi",
        """
import requests
from bottle import Bottle

app = Bottle()


@app.get("/users/<user_id:int>")
def get_user(user_id):
    return requests.get(f"https://api.example.invalid/{user_id}", timeout=5).json()
""",
    ),
    "Falcon": (
        "service_threads_wsgi",
        """
import falcon
import requests


class Users:
    def on_get(self, req, resp, user_id):
        resp.media = requests.get(f"https://api.example.invalid/{user_id}", timeout=5).json()


app = falcon.App()
app.add_route("/users/{user_id:int}", Users())
""",
    ),
    "Pyramid": (
        "service_threads_wsgi",
        """
import requests
from pyramid.config import Configurator


def get_user(request):
    user = request.matchdict["user_id"]
    return requests.get(f"https://api.example.invalid/{user}", timeout=5).json()


with Configurator() as config:
    config.add_route("user", "/users/{user_id}")
    config.add_view(get_user, route_name="user", renderer="json")
    app = config.make_wsgi_app()
""",
    ),
    "aiohttp.web": (
        "service_asyncio_aiohttp",
        """
import aiohttp
from aiohttp import web


async def get_user(request):
    async with aiohttp.ClientSession() as session:
        url = f"https://api.example.invalid/{request.match_info['user_id']}"
        async with session.get(url) as response:
            return web.json_response(await response.json())


app = web.Application()
app.router.add_get("/users/{user_id}", get_user)

if __name__ == "__main__":
    web.run_app(app)
""",
    ),
    "Starlette": (
        "service_asyncio_starlette",
        """
import httpx
from starlette.applications import Starlette
from starlette.responses import JSONResponse
from starlette.routing import Route


async def get_user(request):
    async with httpx.AsyncClient() as client:
        url = f"https://api.example.invalid/{request.path_params['user_id']}"
        return JSONResponse((await client.get(url, timeout=5)).json())


app = Starlette(routes=[Route("/users/{user_id:int}", get_user)])

if __name__ == "__main__":
    import uvicorn

    uvicorn.run(app)
""",
    ),
    "Starlette with requests": (
        "service_threads_starlette",
        """
import requests
from starlette.applications import Starlette
from starlette.responses import JSONResponse
from starlette.routing import Route


async def get_user(request):
    url = f"https://api.example.invalid/{request.path_params['user_id']}"
    return JSONResponse(requests.get(url, timeout=5).json())


app = Starlette(routes=[Route("/users/{user_id:int}", get_user)])
""",
    ),
    "aiohttp.web with requests": (
        "service_threads_aiohttp",
        """
import requests
from aiohttp import web


async def get_user(request):
    url = f"https://api.example.invalid/{request.match_info['user_id']}"
    return web.json_response(requests.get(url, timeout=5).json())


app = web.Application()
app.router.add_get("/users/{user_id}", get_user)

if __name__ == "__main__":
    web.run_app(app)
""",
    ),
}


@pytest.mark.parametrize("name", sorted(PROJECTS))
def test_scan_recommend_picks_the_frameworks_form_and_repeats_it(name, tmp_path):
    template, source = PROJECTS[name]
    framework = name.split()[0]
    (tmp_path / "app.py").write_text(source.lstrip(), encoding="utf-8")
    scanned = advisor("scan", ".", "--recommend", "--format", "json", cwd=tmp_path)
    assert scanned.returncode == 0, scanned.stderr
    chosen = json.loads(scanned.stdout)["template"]
    assert (chosen["id"], chosen["framework"]) == (template, framework)
    (repeat,) = [x for x in scanned.stderr.splitlines() if x.startswith("Repeat this: ")]
    words = shlex.split(repeat.removeprefix("Repeat this: "))
    assert words[-2:] == ["--framework", framework]
    again = advisor(*words[1:], "--format", "json", cwd=tmp_path)
    assert again.returncode == 0, again.stderr
    assert json.loads(again.stdout)["template"]["id"] == template


@pytest.mark.parametrize(
    ("template", "frameworks", "expected"),
    [
        ("service_threads", ("Django",), ("service_threads_django", "Django")),
        ("service_threads", ("Django", "WSGI server"), ("service_threads_django", "Django")),
        ("service_threads", ("Django", "Flask"), ("service_threads", None)),
        ("service_threads", ("Falcon",), ("service_threads_wsgi", "Falcon")),
        ("service_threads", ("aiohttp.web",), ("service_threads_aiohttp", "aiohttp.web")),
        ("service_asyncio", ("aiohttp.web",), ("service_asyncio_aiohttp", "aiohttp.web")),
        ("service_asyncio", ("Django",), ("service_asyncio_django", "Django")),
        ("service_asyncio", ("Django", "uvicorn"), ("service_asyncio_django", "Django")),
        ("service_threads", ("Sanic",), ("service_threads", None)),
        ("service_threads", ("Starlette", "uvicorn"), ("service_threads_starlette", "Starlette")),
        ("service_asyncio", ("Starlette", "uvicorn"), ("service_asyncio_starlette", "Starlette")),
        ("service_threads", ("Starlette", "FastAPI"), ("service_threads", None)),
        # Django under uvicorn is ASGI: its sync views would share one thread.
        ("service_threads", ("Django", "uvicorn"), ("service_threads", None)),
        ("service_processes", ("Django",), ("service_processes", None)),
    ],
)
def test_a_form_only_where_one_framework_with_a_form_is_named(template, frameworks, expected):
    assert templating.framework_variant(template, frameworks) == expected


@pytest.mark.parametrize(("typed", "name"), [("aiohttp", "aiohttp.web"), ("django", "Django")])
def test_framework_names_as_users_type_them(typed, name):
    assert templating.framework_name(typed) == name


def test_ci_serves_every_form():
    """The tests above skip where a framework is missing; CI installs the `dev` extra, which
    must therefore list every framework they serve, so CI never skips them."""
    import tomllib

    from tests.helpers import ROOT

    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    dev = project["project"]["optional-dependencies"]["dev"]
    listed = {re.split(r"[<>=\[ ]", requirement)[0].lower() for requirement in dev}
    needed = {form.imports for form in FORMS} - set(sys.stdlib_module_names)
    needed |= {package for _, package in ROUTES}
    assert needed - listed == set()


@pytest.mark.parametrize(("lang", "says"), [("en", "invalid choice"), ("zh-TW", "無效")])
def test_a_framework_without_forms_is_refused_in_one_line(lang, says):
    done = advisor("recommend", *BLOCKING, "--framework", "Sanic", "--lang", lang)
    assert done.returncode == 2
    assert done.stdout == ""
    (line,) = done.stderr.splitlines()
    assert says in line
    for name in ("Django", "Bottle", "Falcon", "Pyramid", "aiohttp.web", "Starlette"):
        assert f"'{name}'" in line
