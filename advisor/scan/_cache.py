"""The one place scan reaches the shared data cache, so switching its backend is one line."""

from __future__ import annotations

from advisor.cache import content_key, load, store

__all__ = ["content_key", "load", "store"]
