"""Code behind a one-time guard (`once_guards.once_guarded`, ADV101's call graph `checks.once`):
which shapes of guard the scanner takes for "runs once per process", and which it does not.
Each shape is a user's function as written; the fixture ADV101_once drives the whole rule."""

from __future__ import annotations

import ast
from typing import Any

import pytest

from advisor.lint.checks.once_guards import _once_guarded

GUARDED = {
    # procrastinate 3.10.0's `App.perform_import_paths`: a flag tested, then set True
    "flag": "def f(self):\n    if self._done:\n        return\n    load()\n    self._done = True\n",
    "not_flag": "def f(self):\n    if not self._done:\n        load()\n        self._done = True\n",
    "lazy": "def f(self):\n    if self._x is None:\n        self._x = load()\n    return self._x\n",
    "global": (
        "def f():\n    global _X\n    if _X is not None:\n        return _X\n"
        "    _X = load()\n    return _X\n"
    ),
    # streamrip 2.1.0's `TidalClient._get_device_code`
    "hasattr": "def f(self):\n    if not hasattr(self, 'session'):\n        self.session = load()\n",
}
OPEN = {
    # the flag goes back to False: a busy marker, not a one-time guard
    "reset": "def f(self):\n    if self._busy:\n        return\n    load()\n    self._busy = False\n",
    # tested, but nothing here stores the result: it runs again next time
    "uncached": "def f(self):\n    if self._x is None:\n        load()\n",
    # the guard keeps another place than it stores
    "other": "def f(self):\n    if self._x is None:\n        self._y = load()\n",
    # a parameter or local starts afresh on every call (aiodocker 0.27.0's
    # `if docker_host is None:` in `Docker.__init__`)
    "local": "def f(host=None):\n    if host is None:\n        host = load()\n    return host\n",
    # a global the function does not declare is a local when assigned
    "undeclared": "def f():\n    if _X is None:\n        _X = load()\n",
    # an attribute of an argument, not of the object the method belongs to
    "request": (
        "def f(self, request):\n    if request.user is None:\n        request.user = load()\n"
    ),
    # the call comes before the guard
    "before": "def f(self):\n    load()\n    if self._done:\n        return\n    self._done = True\n",
}


def _guarded_calls(source: str) -> list[str]:
    function = ast.parse(source).body[0]
    inside = _once_guarded(function)
    return [
        ast.unparse(n.func)
        for n in ast.walk(function)
        if isinstance(n, ast.Call) and id(n) in inside
    ]


@pytest.mark.parametrize("shape", sorted(GUARDED))
def test_a_one_time_guard_holds_the_load(shape: str) -> None:
    assert _guarded_calls(GUARDED[shape]) == ["load"]


@pytest.mark.parametrize("shape", sorted(OPEN))
def test_not_a_one_time_guard(shape: str) -> None:
    assert "load" not in _guarded_calls(OPEN[shape])


def _lineage() -> Any:
    """The classes of mautrix 0.21.1's state stores and twitchio 3.3.2's client, as the facts
    name them, and the calls the call graph keeps between them."""
    from advisor.lint._data import bundle
    from advisor.lint.checks.lineage import Lineage
    from advisor.lint.checks.once import RUN, STARTUP

    lineage = Lineage(bundle()["calls"])
    lineage.add(
        {
            "classes": {
                "m.store.StateStore": {"bases": [None], "methods": {}},
                "m.store.MemoryStateStore": {"bases": ["m.store.StateStore"], "methods": {}},
                "m.files.FileStore": {"bases": ["abc.ABC"], "methods": {}},
                "m.store.FileStateStore": {
                    "bases": ["m.store.MemoryStateStore", "m.files.FileStore"],
                    "methods": {},
                },
                "t.client.Client": {"bases": [], "methods": {}},
                "t.client.AutoClient": {"bases": ["t.Client"], "methods": {}},
                "t.ws.Websocket": {"bases": [], "methods": {}},
            },
            "aliases": {"t.Client": "t.client.Client"},
        }
    )
    lineage.closing(
        {
            "close": {
                ("t.client.Client.start", STARTUP, "t.client.Client.close"),
                ("t.ws.Websocket.listen", "x", "t.ws.Websocket.close"),
            },
            "stop": {("m.store.Service.run", RUN, "")},
        }
    )
    return lineage


def test_a_named_call_reaches_related_classes_only() -> None:
    lineage = _lineage()
    # a mixin: `StateStore.close`'s `self.flush()` runs `FileStore.flush` in a FileStateStore
    assert lineage.reaches("m.store.StateStore.flush", "m.files.FileStore.flush")
    # a subclass through a package's re-export
    assert lineage.reaches("t.client.AutoClient.close", "t.client.Client.close")
    # another class's method of that name, a library's
    assert not lineage.reaches("t.ws.Websocket.close", "t.client.Client.close")
    assert not lineage.reaches("aiohttp.web.TCPSite.start", "t.client.Client.start")
    # an unknown method of the scan's own package may be anything
    assert lineage.reaches("t.Unknown.close", "t.client.Client.close")


def test_an_object_that_ends_its_own_run_is_closed_through_its_class() -> None:
    lineage = _lineage()
    assert lineage.closers == {"t.client.Client"}
    # `socket.close()` through an untyped object is no way into the client's close or start
    assert not lineage.reaches("", "t.client.Client.close")
    assert not lineage.reaches("", "t.client.AutoClient.start")
    assert lineage.ends_run("t.client.Client.__aexit__")
    # a websocket closed from its listening loop ends no run: any `x.close()` may be it
    assert lineage.reaches("", "t.ws.Websocket.close")
    assert not lineage.ends_run("t.ws.Websocket.close")
