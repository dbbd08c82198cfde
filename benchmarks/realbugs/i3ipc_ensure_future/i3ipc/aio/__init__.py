from .connection import Connection  # noqa: F401
