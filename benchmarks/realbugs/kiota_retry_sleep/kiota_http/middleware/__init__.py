"""Middleware of the SDK's HTTP pipeline (reproduction, see retry_handler.py)."""
from .middleware import BaseMiddleware, MiddlewarePipeline  # noqa: F401
from .retry_handler import RetryHandler  # noqa: F401
