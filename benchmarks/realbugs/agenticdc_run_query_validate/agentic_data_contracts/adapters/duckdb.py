"""DuckDB adapter: query execution and EXPLAIN dry-runs (synchronous driver)."""

from typing import Any, Protocol

import duckdb


class DatabaseAdapter(Protocol):
    def execute(self, sql: str) -> list[tuple[Any, ...]]: ...


class ExplainAdapter(Protocol):
    def explain(self, sql: str) -> str: ...


class DuckDBAdapter:
    def __init__(self, path: str) -> None:
        self._con = duckdb.connect(path)

    def execute(self, sql: str) -> list[tuple[Any, ...]]:
        return self._con.execute(sql).fetchall()

    def explain(self, sql: str) -> str:
        return str(self._con.execute("EXPLAIN " + sql).fetchall())
