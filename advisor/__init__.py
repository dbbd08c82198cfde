"""advisor: which Python concurrency model fits your work, and why.

>>> import advisor
>>> advisor.recommend(cpu_bound=False, concurrency=500).model
'asyncio'
"""

from __future__ import annotations

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
    ConversionResult,
    ConvertChange,
    ConvertRefusal,
    Evidence,
    Fact,
    FileConversion,
    Inference,
    InferredAnswer,
    Pitfall,
    Recommendation,
    Source,
    SourceFile,
    Step,
    TemplateRef,
    Tree,
    Unused,
)


def __getattr__(name: str) -> object:
    """`advisor.scan` (and its result types) load on first use: `import advisor` stays light."""
    if name in ("scan", "ScanResult", "Finding", "Skipped"):
        import importlib

        module = importlib.import_module("advisor.scan")
        return module if name == "scan" else getattr(module, name)
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
