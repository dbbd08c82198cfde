import inspect
from functools import partial


def is_async(func):
    return inspect.iscoroutinefunction(_unpartial(func))


def _unpartial(func):
    while isinstance(func, partial):
        func = func.func
    return func


def describe(func):
    return getattr(_unpartial(func), "__name__", repr(func))
