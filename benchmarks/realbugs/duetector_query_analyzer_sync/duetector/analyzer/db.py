from typing import Any

from sqlalchemy import func, select, table, column

from duetector.analyzer.base import Analyzer
from duetector.db import SessionManager


class DBAnalyzer(Analyzer):
    """Reads the trackings the collectors wrote into one table per tracer."""

    config_scope = "db_analyzer"

    def __init__(self, config: dict[str, Any]) -> None:
        self.sm = SessionManager(config)

    def query(self, tracers: list[str] | None = None, limit: int = 20, **kwargs: Any) -> list[dict]:
        trackings = []
        with self.sm.begin() as session:
            for tracer in tracers or ["openat"]:
                statm = select(column("pid"), column("dt")).select_from(table(tracer)).limit(limit)
                trackings.extend(dict(r._mapping) for r in session.execute(statm).fetchall())
        return trackings

    def brief(self, inspect_type: bool = True) -> dict:
        with self.sm.begin() as session:
            count = session.execute(select(func.count()).select_from(table("openat"))).scalar()
        return {"openat": count}
