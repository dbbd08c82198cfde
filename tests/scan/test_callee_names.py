"""Callees are compared by their full name, shown by a cut one (aiohomematic's
``...device_details.load()`` awaited and ``...device_details.add_interface()`` plain share
their first 57 characters: ADV102 took the plain call for the awaited one)."""

from __future__ import annotations

import ast

from advisor.lint.callees import full_name, source_name

LOAD = "self._coordinator_provider.cache_coordinator.device_details.load"
ADD = "self._coordinator_provider.cache_coordinator.device_details.add_interface"


def _func(text: str) -> ast.expr:
    call = ast.parse(f"{text}()", mode="eval").body
    assert isinstance(call, ast.Call)
    return call.func


def test_full_names_tell_long_callees_apart() -> None:
    assert full_name(_func(LOAD)) == LOAD
    assert full_name(_func(ADD)) == ADD
    assert full_name(_func(LOAD)) != full_name(_func(ADD))


def test_the_display_name_is_cut() -> None:
    assert source_name(_func(LOAD)) == source_name(_func(ADD)) == LOAD[:57] + "..."
    assert source_name(_func("conn.execute")) == "conn.execute"
