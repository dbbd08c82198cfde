"""Aggregate unit intervals from Postgres into ClickHouse.

Reproduction of the shape fixed in https://github.com/opennem/opennem/pull/572 (commit
7bf703084837a3a64fe16193817a94029c5696e4, "fix(worker): run interval-check clickhouse writes off
the event loop"): the worker coroutines process_unit_intervals_backlog and
run_unit_intervals_aggregate_to_now take the synchronous clickhouse-driver client from
get_clickhouse_client (re-exported by opennem.db.clickhouse) and call client.execute() for the
schema check, the MAX(interval) select and the batch inserts on the event loop, the backlog one
while an asyncpg session from get_write_session is checked out, which starved the connection until
it was dropped. The fix ran them with asyncio.to_thread / execute_async / a new insert_async; the
four lines are marked.
"""
from datetime import datetime, timedelta

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

from opennem.db import get_write_session
from opennem.db.clickhouse import create_table_if_not_exists, get_clickhouse_client, table_exists

UNIT_INTERVALS_TABLE = """
CREATE TABLE IF NOT EXISTS unit_intervals (
    interval DateTime, network_id String, facility_code String, unit_code String,
    generated Float64, energy Float64, emissions Float64, market_value Float64, version UInt64
) ENGINE = ReplacingMergeTree(version) ORDER BY (interval, network_id, facility_code, unit_code)
"""

INSERT_UNIT_INTERVALS = """
INSERT INTO unit_intervals
(interval, network_id, facility_code, unit_code, generated, energy, emissions, market_value, version)
VALUES
"""


def _ensure_clickhouse_schema() -> None:
    client = get_clickhouse_client()
    if not table_exists(client, "unit_intervals"):
        create_table_if_not_exists(client, UNIT_INTERVALS_TABLE)


async def _get_unit_interval_data(
    session: AsyncSession, start: datetime, end: datetime, network_code: str | None = None
) -> list:
    query = text(
        "SELECT interval, network_id, facility_code, code, generated, energy, emissions, market_value "
        "FROM facility_scada WHERE interval >= :start AND interval < :end"
        + (" AND network_id = :network" if network_code else "")
    )
    result = await session.execute(query, {"start": start, "end": end, "network": network_code})
    return list(result.fetchall())


def _prepare_unit_interval_data(records: list) -> list[tuple]:
    version = int(datetime.now().timestamp())
    return [(*row, version) for row in records]


async def process_unit_intervals_backlog(
    session: AsyncSession,
    start_date: datetime,
    end_date: datetime,
    chunk_size: timedelta = timedelta(days=3),
    network_code: str | None = None,
) -> None:
    """Process historical unit interval data in chunks."""
    current_start = start_date
    client = get_clickhouse_client()
    _ensure_clickhouse_schema()  # bug

    while current_start <= end_date:
        chunk_end = min(current_start + chunk_size, end_date + timedelta(minutes=5))
        records = await _get_unit_interval_data(session, current_start, chunk_end, network_code)
        if records:
            prepared_data = _prepare_unit_interval_data(records)
            client.execute(INSERT_UNIT_INTERVALS, prepared_data)  # bug
        current_start = chunk_end


async def run_unit_intervals_aggregate_to_now() -> int:
    """Aggregate the intervals since the last one stored (runs beside the power exports)."""
    client = get_clickhouse_client()

    result = client.execute("SELECT MAX(interval) FROM unit_intervals FINAL WHERE network_id = 'NEM'")  # bug
    date_from = result[0][0] + timedelta(minutes=5)
    date_to = datetime.now()

    async with get_write_session() as session:
        records = await _get_unit_interval_data(session, date_from, date_to)
        prepared_data = _prepare_unit_interval_data(records)

    client.execute(INSERT_UNIT_INTERVALS, prepared_data)  # bug
    return len(prepared_data)


async def run_unit_intervals_backlog(days: int = 7) -> None:
    end = datetime.now()
    async with get_write_session() as session:
        await process_unit_intervals_backlog(session, end - timedelta(days=days), end, network_code="WEM")
