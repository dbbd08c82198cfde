"""`advisor convert`: the chapter's threading-to-asyncio patterns as a libcst codemod.

One module per conversion rule (threads ADV201, sleep ADV202, pools ADV203, sync_calls ADV204,
entry ADV205), the analysis that decides what can be awaited and what must be refused, the
transformer that applies the decisions, and `apply` (diff / write / check).

``advisor.convert(paths)`` is a function, but importing any ``advisor.convert.*`` module makes
Python set the attribute ``advisor.convert`` to this package. The package is therefore
callable too, with the same signature, so the public API works whichever one a user reaches.
"""

from __future__ import annotations

import os
import sys
import types
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from advisor.conversion import ConversionResult


def convert(
    paths: Sequence[str | os.PathLike[str]] | str | os.PathLike[str],
    *,
    target_version: str | tuple[int, int] | None = None,
    prefer: str | None = None,
) -> ConversionResult:
    """Convert *paths*; see `advisor.api.convert` (one entry, one argument check)."""
    from advisor.api import convert as run

    return run(paths, target_version=target_version, prefer=prefer)


class _CallableModule(types.ModuleType):
    def __call__(self, *args: Any, **kwargs: Any) -> ConversionResult:
        return convert(*args, **kwargs)


sys.modules[__name__].__class__ = _CallableModule
