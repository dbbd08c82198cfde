"""advisor: which Python concurrency model fits your work, and why.

>>> import advisor
>>> advisor.recommend(cpu_bound=False, concurrency=500).model
'asyncio'
"""

from __future__ import annotations

from advisor._version import __version__
from advisor.api import explain, infer, load_tree, recommend
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
    Evidence,
    Fact,
    Inference,
    InferredAnswer,
    Pitfall,
    Recommendation,
    Source,
    SourceFile,
    Step,
    TemplateRef,
    Tree,
)

__all__ = [
    "LANGS",
    "MODELS",
    "AdvisorError",
    "Alternative",
    "Answer",
    "Evidence",
    "Fact",
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
    "UsageError",
    "__version__",
    "explain",
    "infer",
    "load_tree",
    "recommend",
]
