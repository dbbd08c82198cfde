"""Wraps one waste collection source module, picked by name from the configuration."""

from __future__ import annotations

import importlib
import logging

_LOGGER = logging.getLogger(__name__)


class SourceShell:
    def __init__(self, source, title: str, calendar_title: str | None) -> None:
        self._source = source
        self.title = title
        self.calendar_title = calendar_title or title
        self.entries: list = []

    def fetch(self) -> None:
        self.entries = list(self._source.fetch())

    @staticmethod
    def create(source_name: str, source_args: dict, calendar_title: str | None = None):
        try:
            module = importlib.import_module(f"collection_schedule.source.{source_name}")
        except ImportError:
            _LOGGER.error("source not found: %s", source_name)
            return None
        return SourceShell(module.Source(**source_args), module.TITLE, calendar_title)
