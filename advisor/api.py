"""The library API behind `import advisor`: recommend and load_tree.

Thin on purpose: it gathers answers from keyword arguments and Answer
objects, adds the environment facts, calls the pure engine and fills in the
template code.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from advisor import engine
from advisor.models import Answer, Fact, Recommendation, Source, Tree

if TYPE_CHECKING:
    from pathlib import Path

    from advisor.guides import Comparison, ModelGuide


def load_tree(path: str | Path | None = None) -> Tree:
    """Load and validate a decision tree file (the shipped one by default)."""
    from advisor.tree import load_tree as _load

    return _load(path)


def recommend(
    tree: Tree | str | Path | None = None,
    *,
    answers: Mapping[str, Answer | Any] | None = None,
    lang: str = "en",
    facts: Mapping[str, Fact] | None = None,
    **kwargs: Any,
) -> Recommendation:
    """Recommend a concurrency model.

    ``advisor.recommend(cpu_bound=False, concurrency=500)``: keywords are the
    tree's questions (ids or flag names with underscores); *answers* may also
    hold `Answer` objects that carry their own source and evidence.
    """
    from advisor import answers as answers_mod
    from advisor.detect import environment_facts
    from advisor.i18n import normalize_lang

    resolved_tree = tree if isinstance(tree, Tree) else load_tree(tree)
    raw: dict[str, Any] = {**(answers or {}), **kwargs}
    given: dict[str, Answer] = {}
    plain: dict[str, Any] = {}
    for key, value in raw.items():
        if isinstance(value, Answer):
            question = answers_mod.find_question(resolved_tree, key)
            parsed = answers_mod.parse_value(question, value.value)
            given[question.id] = value._replace(value=parsed)
        else:
            plain[key] = value
    given.update(answers_mod.from_mapping(resolved_tree, plain, Source.API))
    rec = engine.recommend(
        resolved_tree,
        given,
        lang=normalize_lang(lang),
        facts=environment_facts() if facts is None else facts,
    )
    custom = None if tree is None or isinstance(tree, Tree) else os.fspath(tree)
    return with_code(rec, tree_path=custom)


def explain(
    model: str | None = None, *, lang: str = "en", tree: Tree | str | Path | None = None
) -> Comparison | ModelGuide:
    """The comparison table of every model, or one model's guide (when to use it, pitfalls,
    conversion patterns), as `advisor explain [MODEL]` shows it."""
    from advisor import guides
    from advisor.i18n import normalize_lang

    lang = normalize_lang(lang)
    if model is None:
        return guides.comparison(lang)
    return guides.guide(model, tree if isinstance(tree, Tree) else load_tree(tree), lang)


def with_code(
    rec: Recommendation, tree_path: str | None = None, lang: str | None = None
) -> Recommendation:
    """Fill the template's defaults and code into a recommendation from the engine.

    *tree_path* is the custom tree the answers belong to, for the "Repeat:" line.
    """
    from advisor import templating
    from advisor.i18n import ui

    texts = ui(rec.lang)
    ref = rec.template
    context = templating.context_for(ref.id, ref.context)
    command = f"{engine.command_line(rec, tree=tree_path, lang=lang)} --template"
    header = "\n".join(
        [
            "# " + texts("template_generated", model=rec.model, leaf=rec.leaf),
            "# " + texts("template_repeat", command=command),
        ]
    )
    code = templating.render(ref.id, context, header=header, lang=rec.lang)
    return rec._replace(template=ref._replace(context=context, code=code))
