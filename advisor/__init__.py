"""advisor: which Python concurrency model fits your work, and why.

>>> import advisor
>>> advisor.recommend(cpu_bound=False, concurrency=500).model
'asyncio'
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from advisor._version import __version__
from advisor.api import (
    bench,
    convert,
    diff,
    explain,
    infer,
    load_tree,
    profile,
    recommend,
    scan,
    write,
)
from advisor.errors import (
    AdvisorError,
    InvalidAnswerError,
    MissingAnswersError,
    TreeError,
    UndecidedAnswerError,
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
    Tailored,
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
    from advisor.findings import Finding, ScanResult, Skipped
    from advisor.inference import Evidence, Inference, InferredAnswer, SourceFile
    from advisor.measurement import BenchResult, ProfileReport

#: Exports loaded on first use, by the module that defines them: `import advisor` (and so
#: every `advisor recommend`) never builds the types of scan, infer, convert, bench, profile.
_LAZY = {
    "ScanResult": "advisor.findings",
    "Finding": "advisor.findings",
    "Skipped": "advisor.findings",
    "BenchResult": "advisor.measurement",
    "ProfileReport": "advisor.measurement",
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
    """The lazy exports above load on first use."""
    import importlib

    if name in _LAZY:
        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'advisor' has no attribute {name!r}")


__all__ = [
    "LANGS",
    "MODELS",
    "AdvisorError",
    "Alternative",
    "Answer",
    "BenchResult",
    "ConversionResult",
    "ConvertChange",
    "ConvertRefusal",
    "Evidence",
    "Fact",
    "FileConversion",
    "Finding",
    "Inference",
    "InferredAnswer",
    "InvalidAnswerError",
    "MissingAnswersError",
    "Pitfall",
    "ProfileReport",
    "Recommendation",
    "ScanResult",
    "Skipped",
    "Source",
    "SourceFile",
    "Step",
    "Tailored",
    "TemplateRef",
    "Tree",
    "TreeError",
    "UndecidedAnswerError",
    "Unused",
    "UsageError",
    "__version__",
    "bench",
    "convert",
    "diff",
    "explain",
    "infer",
    "load_tree",
    "profile",
    "recommend",
    "scan",
    "write",
]
