"""`import advisor`'s functions stay functions: no module of the package shares their name.

Importing ``advisor.X`` binds the attribute ``X`` of the package to the submodule, so a package
named like a library function (``advisor/profile/`` beside ``advisor.profile()``) replaced the
function by a module the first time anything imported it, and the user's next call failed with
"'module' object is not callable".
"""

from __future__ import annotations

import importlib.util
import inspect

import advisor


def test_no_module_shares_a_library_function_name():
    functions = [n for n in advisor.__all__ if inspect.isfunction(getattr(advisor, n))]
    assert {"scan", "convert", "bench", "profile"} <= set(functions)
    clashes = [n for n in functions if importlib.util.find_spec(f"advisor.{n}") is not None]
    assert clashes == []
