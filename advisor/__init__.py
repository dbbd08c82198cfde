"""advisor: which Python concurrency model fits your work, and why.

>>> import advisor
>>> advisor.recommend(cpu_bound=False, concurrency=500).model
'asyncio'
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from advisor._version import __version__
from advisor.api import convert, explain, infer, load_tree, recommend
from advisor.errors import (
    AdvisorError,
    InvalidAnswerError,
    MissingAnswersError,
    TreeError,
    UsageError,
)
from advisor.models import (
    LANGS,
    MODELS,
    Alternative,
    Answer,
    Fact,
    Pitfall,
    Recommendation,
    Source,
    Step,
    TemplateRef,
    Tree,
    Unused,
)

if TYPE_CHECKING:
    from advisor.conversion import (
        ConversionResult,
        ConvertChange,
        ConvertRefusal,
        FileConversion,
    )
    from advisor.inference import Evidence, Inference, InferredAnswer, SourceFile

#: Exports loaded on first use, by the module that defines them: `import advisor` (and so
#: every `advisor recommend`) never builds the types of scan, infer and convert.
_LAZY = {
    "ScanResult": "advisor.scan",
    "Finding": "advisor.scan",
    "Skipped": "advisor.scan",
    "ConversionResult": "advisor.conversion",
    "ConvertChange": "advisor.conversion",
    "ConvertRefusal": "advisor.conversion",
    "FileConversion": "advisor.conversion",
    "Evidence": "advisor.inference",
    "Inference": "advisor.inference",
    "InferredAnswer": "advisor.inference",
    "SourceFile": "advisor.inference",
}


def __getattr__(name: str) -> object:
    """`advisor.scan` and the lazy exports above load on first use."""
    import importlib

    if name == "scan":
        return importlib.import_module("advisor.scan")
    if name in _LAZY:
        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'advisor' has no attribute {name!r}")


__all__ = [
    "LANGS",
    "MODELS",
    "AdvisorError",
    "Alternative",
    "Answer",
    "ConversionResult",
    "ConvertChange",
    "ConvertRefusal",
    "Evidence",
    "Fact",
    "FileConversion",
    "Inference",
    "InferredAnswer",
    "InvalidAnswerError",
    "MissingAnswersError",
    "Pitfall",
    "Recommendation",
    "Source",
    "SourceFile",
    "Step",
    "TemplateRef",
    "Tree",
    "TreeError",
    "Unused",
    "UsageError",
    "__version__",
    "convert",
    "explain",
    "infer",
    "load_tree",
    "recommend",
]
