"""Renderers: models in, text (or a rich renderable) out. They never import the engine."""

from __future__ import annotations

FORMATS = ("rich", "plain", "json", "markdown")
