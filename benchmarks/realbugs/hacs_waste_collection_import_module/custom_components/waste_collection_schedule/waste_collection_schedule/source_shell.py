"""Source shell (reproduction, see ../init_ui.py)."""
import importlib
import logging
from typing import Dict, Optional

_LOGGER = logging.getLogger(__name__)


class Customize:
    def __init__(self, waste_type, alias=None):
        self._waste_type = waste_type
        self._alias = alias


class SourceShell:
    def __init__(self, source, customize, title, description, url, calendar_title):
        self._source = source
        self._customize = customize
        self._title = title
        self._description = description
        self._url = url
        self._calendar_title = calendar_title
        self._entries = []

    def fetch(self):
        self._entries = list(self._source.fetch())

    @staticmethod
    def create(
        source_name: str,
        customize: Dict[str, Customize],
        source_args,
        calendar_title: Optional[str] = None,
    ):
        try:
            source_module = importlib.import_module(
                f"waste_collection_schedule.source.{source_name}"
            )
        except ImportError:
            _LOGGER.error(f"source not found: {source_name}")
            return

        source = source_module.Source(**source_args)  # type: ignore
        return SourceShell(
            source=source,
            customize=customize,
            title=source_module.TITLE,
            description=source_module.DESCRIPTION,
            url=source_module.URL,
            calendar_title=calendar_title,
        )
