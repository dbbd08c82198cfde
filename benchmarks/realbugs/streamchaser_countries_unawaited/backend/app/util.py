"""Helpers (reproduction, see cli.py)."""
import asyncio
from functools import wraps


def coroutine(f):
    """Let typer run an async command: the wrapper runs it with asyncio.run."""

    @wraps(f)
    def wrapper(*args, **kwargs):
        return asyncio.run(f(*args, **kwargs))

    return wrapper
