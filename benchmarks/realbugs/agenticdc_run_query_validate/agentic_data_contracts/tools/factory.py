"""Tools the agent calls (in-process MCP server).

Reproduction of the shape reported in https://github.com/flyersworder/agentic-data-contracts/issues/23
(closed as fixed): the async tool handlers built by create_tools called the synchronous database
adapter (adapter.execute) and the validator (whose validate runs a synchronous EXPLAIN dry-run
through its explain adapter) directly on the event loop.
"""

from typing import Any

from ..adapters.duckdb import DatabaseAdapter
from ..validation.validator import Validator


def create_tools(adapter: DatabaseAdapter, validator: Validator) -> list[Any]:
    async def run_query(args: dict[str, Any]) -> dict[str, Any]:
        sql = args["sql"]
        result = validator.validate(sql)  # bug
        if not result.ok:
            return {"error": result.reasons}
        qresult = adapter.execute(sql)  # bug
        return {"rows": qresult[:100]}

    return [run_query]
