"""advisor: which Python concurrency model fits your work, and why.

>>> import advisor
>>> advisor.recommend(cpu_bound=False, concurrency=500).model
'asyncio'
"""

from __future__ import annotations

from advisor._version import __version__
from advisor.api import explain, load_tree, recommend
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

__all__ = [
    "LANGS",
    "MODELS",
    "AdvisorError",
    "Alternative",
    "Answer",
    "Fact",
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
    "explain",
    "load_tree",
    "recommend",
]
