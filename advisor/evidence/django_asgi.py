"""A Django project served over ASGI with ``async def`` views runs them on an event loop
(issue 19, newcomer review 16 #5): ``--async-app yes``, not "a synchronous framework".

Django is synchronous by default (`data/frameworks.yaml`), and ``startproject`` writes an
``asgi.py`` for every project, so neither the import nor ``asgi.py`` alone says a loop runs.
Both together do: ``get_asgi_application()`` and a view written as a coroutine
(``async def index(request)``), which Django runs on the ASGI server's event loop. Without
it, `advisor.evidence.libraries` said "requests blocks inside async def index: every task on
the event loop waits with it" while ``--async-app`` said no loop runs at all.
"""

from __future__ import annotations

import ast
from functools import cache
from typing import TYPE_CHECKING, Any

from advisor.evidence.observed import Location
from advisor.evidence.walk import Reader, register

if TYPE_CHECKING:
    from advisor.evidence.gather import Gatherer

#: The call an ``asgi.py`` makes to serve the project over ASGI.
ASGI_ENTRY = "django.core.asgi.get_asgi_application"

#: The framework's name as `data/frameworks.yaml` spells it (the signal of its evidence).
DJANGO = "Django"


@register(ast.Call)
def asgi_entry(r: Reader, node: ast.Call) -> None:
    """``application = get_asgi_application()``, or Channels' ``ProtocolTypeRouter(...)``:
    the project can be served over ASGI (``django_asgi.entries`` in `data/frameworks.yaml`)."""
    if r.callee == ASGI_ENTRY or (r.callee and r.callee in _table()["entries"]):
        r.g.django_asgi.append(r.at(node))


@register(ast.ClassDef)
def async_consumer(r: Reader, node: ast.ClassDef) -> None:
    """``class ChatConsumer(AsyncWebsocketConsumer)`` with ``async def receive(...)``: a
    Channels consumer whose handlers run on the ASGI server's loop, as an async view does
    (newcomer review 25 #6; ``django_asgi.async_consumers`` in `data/frameworks.yaml`)."""
    bases = {r.names.qualname(b) for b in node.bases}
    if not bases & set(_table()["async_consumers"]):
        return
    handler = next((f for f in node.body if isinstance(f, ast.AsyncFunctionDef)), None)
    if handler is not None:
        where = Location(r.source.path, handler.lineno, None)
        r.g.django_async_views.append((where, f"{node.name}.{handler.name}"))


@cache
def _table() -> dict[str, Any]:
    from advisor.evidence.tables import _load

    return dict(_load("frameworks.yaml")["django_asgi"])


@register(ast.Module)
def async_views(r: Reader, node: ast.Module) -> None:
    """Coroutines taking a request first (``async def index(request)``, or a method's
    ``(self, request)``) in a file that imports Django: its async views."""
    if "async def" not in r.source.text or "django" not in r.source.text:
        return
    for item in ast.walk(node):
        if isinstance(item, ast.AsyncFunctionDef):
            names = [a.arg for a in item.args.args]
            if names[:1] == ["request"] or names[:2] == ["self", "request"]:
                r.g.django_async_views.append(
                    (Location(r.source.path, item.lineno, None), item.name)
                )


def served_async(g: Gatherer) -> None:
    """Both on the main path: Django's "no event loop" is replaced by the loop its async
    views run on, cited at the first of them."""
    if not g.django_asgi or not any(g.on_path(w) for w in g.django_asgi):
        return
    views = [(w, name) for w, name in g.django_async_views if g.on_path(w)]
    if not views:
        return
    where, name = views[0]
    g.evidence = [
        e
        for e in g.evidence
        if not (e.question == "async_app" and e.value is False and e.signal == DJANGO)
    ]
    g.saw_async(where)
    reason = g.t.reason("django_asgi_view", function=name)
    g.emit("async_app", True, "medium", where, reason, signal="django-asgi")
