"""Unofficial Poe.com API wrapper (reproduction, see async_api.py)."""
from .async_api import AsyncPoeApi  # noqa: F401
