"""Thread-local ClickHouse clients (clickhouse-driver is synchronous)."""
import asyncio
import os
import threading
from typing import Any

from clickhouse_driver import Client

_local = threading.local()


def _make_client(timeout: int = 10) -> Client:
    return Client(host=os.environ.get("CLICKHOUSE_HOST", "localhost"), settings={"connect_timeout": timeout})


def get_clickhouse_client(timeout: int = 10) -> Client:
    """Get (or create) this thread's client."""
    client = getattr(_local, "client", None)
    if client is None:
        client = _make_client(timeout)
        _local.client = client
    return client


async def execute_async(client: Client, query: str, params: dict | None = None) -> Any:
    """Run a query in a worker thread, on that thread's own client."""

    def _run() -> Any:
        return get_clickhouse_client().execute(query, params)

    return await asyncio.to_thread(_run)


def table_exists(client: Client, table_name: str) -> bool:
    return bool(client.execute(f"EXISTS TABLE {table_name}")[0][0])


def create_table_if_not_exists(client: Client, create_sql: str) -> None:
    client.execute(create_sql)
