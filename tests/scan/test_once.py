"""Code behind a one-time guard (`helpers.once_guarded`, ADV101's call graph `checks.once`):
which shapes of guard the scanner takes for "runs once per process", and which it does not.
Each shape is a user's function as written; the fixture ADV101_once drives the whole rule."""

from __future__ import annotations

import ast

import pytest

from advisor.lint.checks.helpers import _once_guarded

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
