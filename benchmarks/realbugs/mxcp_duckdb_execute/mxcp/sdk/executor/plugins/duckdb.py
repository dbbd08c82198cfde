from typing import Any

from ...duckdb.runtime import DuckDBRuntime


class DuckDBExecutor:
    def __init__(self, runtime: DuckDBRuntime):
        self._runtime = runtime

    async def execute(self, source_code: str, params: dict[str, Any], context: Any) -> Any:
        with self._runtime.get_connection() as session:
            return session.execute_query_to_dict(source_code, params)  # bug
