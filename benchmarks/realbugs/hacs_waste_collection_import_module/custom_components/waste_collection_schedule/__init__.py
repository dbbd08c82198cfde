"""Waste Collection Schedule integration (reproduction, see init_ui.py)."""
from .init_ui import async_setup_entry  # noqa: F401
