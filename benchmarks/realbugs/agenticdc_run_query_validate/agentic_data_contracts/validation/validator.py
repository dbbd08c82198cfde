"""Checks a query against the data contract, with a dry-run on the warehouse."""

from ..adapters.duckdb import ExplainAdapter


class ValidationResult:
    def __init__(self, ok: bool, reasons: list[str]) -> None:
        self.ok = ok
        self.reasons = reasons


class Validator:
    def __init__(self, explain_adapter: ExplainAdapter | None = None) -> None:
        self.explain_adapter = explain_adapter

    def validate(self, sql: str) -> ValidationResult:
        reasons = []
        if "drop " in sql.lower():
            reasons.append("DROP is not allowed")
        if self.explain_adapter is not None and not reasons:
            self.explain_adapter.explain(sql)
        return ValidationResult(not reasons, reasons)
