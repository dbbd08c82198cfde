"""advisor: which Python concurrency model fits your work, and why.

>>> import advisor
>>> advisor.recommend(cpu_bound=False, concurrency=500).model
'asyncio'
"""

from __future__ import annotations

from advisor._version import __version__
from advisor.api import convert, explain, load_tree, recommend
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
    Fact,
    FileConversion,
    Pitfall,
    Recommendation,
    Source,
    Step,
    TemplateRef,
    Tree,
    Unused,
)

__all__ = [
    "LANGS",
    "MODELS",
    "AdvisorError",
    "Alternative",
    "Answer",
    "ConversionResult",
    "ConvertChange",
    "ConvertRefusal",
    "Fact",
    "FileConversion",
    "InvalidAnswerError",
    "MissingAnswersError",
    "Pitfall",
    "Recommendation",
    "Source",
    "Step",
    "TemplateRef",
    "Tree",
    "TreeError",
    "Unused",
    "UsageError",
    "__version__",
    "convert",
    "explain",
    "load_tree",
    "recommend",
]
