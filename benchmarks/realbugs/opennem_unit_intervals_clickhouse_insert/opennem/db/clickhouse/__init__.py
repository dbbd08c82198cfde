from opennem.db.clickhouse.client import (
    create_table_if_not_exists,
    execute_async,
    get_clickhouse_client,
    table_exists,
)

__all__ = ["create_table_if_not_exists", "execute_async", "get_clickhouse_client", "table_exists"]
