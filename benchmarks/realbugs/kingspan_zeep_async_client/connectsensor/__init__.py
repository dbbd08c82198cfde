"""Kingspan Connect sensor client library (reproduction, see client.py)."""
from .client import AsyncSensorClient  # noqa: F401
from .exceptions import APIError  # noqa: F401
