"""Where advisor's shipped data files are, and how they are read: one helper instead of a
``os.path.join(os.path.dirname(os.path.abspath(__file__)), ...)`` in every module.

A data file lives beside the module that owns it (``texts/ui.yaml`` beside `texts`,
``thresholds.yaml`` beside `profiler.infer`), so the owner names itself (its ``__file__``)
and the parts of the path. os.path, not importlib.resources or pathlib: advisor is never
imported from a zip, and those imports cost more than a cached run's whole lookup.
Reading goes through `yamlio.load_data`, the one YAML boundary, and so through the
startup cache.
"""

from __future__ import annotations

import os
from typing import Any


def path(package_file: str, *parts: str) -> str:
    """The absolute path of *parts* in the folder of the module whose ``__file__`` is
    *package_file*."""
    return os.path.join(os.path.dirname(os.path.abspath(package_file)), *parts)


def load(package_file: str, *parts: str) -> Any:
    """The data in that file (YAML, safe loader), from the startup cache when it is warm."""
    from advisor import yamlio

    return yamlio.load_data(path(package_file, *parts))
