from typing import Any

import duckdb


class DuckDBSession:
    def __init__(self, path: str):
        self.conn = duckdb.connect(path)

    def execute_query_to_dict(self, query: str, params: dict[str, Any] | None = None) -> list[dict[str, Any]]:
        return self.conn.execute(query, params or {}).fetchdf().to_dict("records")
