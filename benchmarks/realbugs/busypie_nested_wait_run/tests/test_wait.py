"""The nesting the report describes (stand-in test, as the fix's test_nested_waits)."""
from busypie import wait


def test_retrieve_condition_result():
    assert wait().until(lambda: 3) == 3


def test_nested_waits():
    def condition():
        return wait().until(lambda: True)

    assert wait().until(condition)
