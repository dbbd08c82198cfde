"""The one transformer that applies a `Plan` to the original tree, in a single pass.

Statement rewrites happen in the block that holds them (never in the statement's own hook),
so the i-th updated statement of a block is always the i-th original one and every rule's
decision, keyed by original nodes, still finds its place.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

import libcst as cst

from advisor.codemod.base import Plan, leading_lines, paren


class Apply(cst.CSTTransformer):
    def __init__(self, plan: Plan) -> None:
        super().__init__()
        self.plan = plan
        #: Comments of a block's last statements that were removed: the block's footer.
        self.orphans: list[cst.EmptyLine] = []

    def leave_Call(self, original_node: cst.Call, updated_node: cst.Call) -> cst.BaseExpression:
        rewrite = self.plan.calls.get(original_node)
        return rewrite(updated_node) if rewrite else updated_node

    def leave_FunctionDef(
        self, original_node: cst.FunctionDef, updated_node: cst.FunctionDef
    ) -> cst.FunctionDef:
        if original_node in self.plan.async_defs:
            return updated_node.with_changes(asynchronous=cst.Asynchronous())
        return updated_node

    def leave_Name(self, original_node: cst.Name, updated_node: cst.Name) -> cst.BaseExpression:
        rewrite = self.plan.exprs.get(original_node)
        return rewrite(updated_node) if rewrite is not None else updated_node

    def leave_Attribute(
        self, original_node: cst.Attribute, updated_node: cst.Attribute
    ) -> cst.BaseExpression:
        rewrite = self.plan.exprs.get(original_node)
        if rewrite is not None:
            return rewrite(updated_node)
        if isinstance(updated_node.value, cst.Await):
            return updated_node.with_changes(value=paren(updated_node.value))
        return updated_node

    def leave_Subscript(
        self, original_node: cst.Subscript, updated_node: cst.Subscript
    ) -> cst.Subscript:
        if isinstance(updated_node.value, cst.Await):
            return updated_node.with_changes(value=paren(updated_node.value))
        return updated_node

    def leave_IndentedBlock(
        self, original_node: cst.IndentedBlock, updated_node: cst.IndentedBlock
    ) -> cst.IndentedBlock:
        self.orphans = []
        body = self._statements(original_node.body, updated_node.body)
        footer = [*self.orphans, *updated_node.footer]
        self.orphans = []
        if not body:
            body = [cst.SimpleStatementLine([cst.Pass()])]
        return updated_node.with_changes(body=body, footer=footer)

    def leave_Module(self, original_node: cst.Module, updated_node: cst.Module) -> cst.Module:
        self.orphans = []
        body = self._statements(original_node.body, updated_node.body)
        if self.orphans:
            updated_node = updated_node.with_changes(footer=[*self.orphans, *updated_node.footer])
        if self.plan.helpers:
            index = next(
                (
                    i
                    for i, stmt in enumerate(body)
                    if isinstance(stmt, (cst.FunctionDef, cst.ClassDef, cst.If))
                ),
                len(body),
            )
            body[index:index] = self.plan.helpers
            after = index + len(self.plan.helpers)
            if after < len(body):  # two blank lines after an added definition, as PEP 8 asks
                follows = body[after]
                lines = list(leading_lines(follows))
                blanks = 0
                while blanks < len(lines) and lines[blanks].comment is None:
                    blanks += 1
                if blanks < 2:
                    extra = [cst.EmptyLine()] * (2 - blanks)
                    body[after] = follows.with_changes(leading_lines=[*extra, *lines])
        return updated_node.with_changes(body=body)

    def _statements(
        self, originals: Sequence[cst.BaseStatement], updated: Sequence[cst.BaseStatement]
    ) -> list[cst.BaseStatement]:
        assert len(originals) == len(updated)
        result: list[cst.BaseStatement] = []
        positions: dict[int, int] = {}
        carried: list[cst.EmptyLine] = []  # comments of removed statements, for the next one
        for original, new in zip(originals, updated, strict=False):
            positions[id(original)] = len(result)
            rewrite = self.plan.statements.get(original)
            produced = rewrite(new) if rewrite else [new]
            kept = leading_lines(original)
            if produced and kept and produced[0] is not new and not leading_lines(produced[0]):
                produced[0] = produced[0].with_changes(leading_lines=kept)
            if rewrite is not None or new is not original:
                carried += _lost_comments(original, produced)
            if produced and carried:
                first = produced[0]
                lines = list(leading_lines(first))
                produced[0] = first.with_changes(leading_lines=[*lines, *carried])
                carried = []
            result.extend(produced)
        self.orphans = carried
        spans = []
        for wrap in self.plan.wraps:
            if id(wrap.first) not in positions:
                continue
            start = positions[id(wrap.first)]
            end_index = list(originals).index(wrap.last) + 1
            end = positions[id(originals[end_index])] if end_index < len(originals) else len(result)
            spans.append((start, end, wrap))
        for start, end, wrap in sorted(spans, key=lambda span: -span[0]):
            inner = result[start:end]
            if inner:
                built = wrap.build(inner)
                result[start:end] = built if isinstance(built, list) else [built]
        return result


def _comments(node: cst.CSTNode) -> list[str]:
    found: list[str] = []

    class Visitor(cst.CSTVisitor):
        def visit_Comment(self, comment: cst.Comment) -> None:
            found.append(comment.value)

    node.visit(Visitor())
    return found


def _lost_comments(
    original: cst.BaseStatement, produced: Sequence[cst.BaseStatement]
) -> list[cst.EmptyLine]:
    """The comments of *original* its replacement no longer has, as lines to put above what
    follows: every comment of the user's file stays in the output exactly once (review defect
    #29: ``# Now wait. IMPORTANT: join before reading results`` vanished with its loop)."""
    have = Counter(c for stmt in produced for c in _comments(stmt))
    lost = []
    for comment in _comments(original):
        if have[comment]:
            have[comment] -= 1
            continue
        lost.append(cst.EmptyLine(indent=True, comment=cst.Comment(comment)))
    return lost
