"""A read-only JSON API over SQLite files, served by Sanic.

Reproduction of the shape reported in https://github.com/simonw/datasette/issues/45 ("Run SQLite
operations in a thread pool", closed): the async view handlers ran their SQL through the view's
plain execute() method, which used a sqlite3 connection on the event loop's thread; a slow query
stalled every other request. The fix ran the SQLite work in a thread pool.
"""
import sqlite3

from sanic.response import json
from sanic.views import HTTPMethodView


class BaseView(HTTPMethodView):
    def __init__(self, datasette) -> None:
        self.ds = datasette

    def execute(self, db_name: str, sql: str, params: dict | None = None) -> list:
        conn = sqlite3.connect(f"file:{self.ds.files[db_name]}?immutable=1", uri=True)
        conn.row_factory = sqlite3.Row
        rows = conn.execute(sql, params or {})
        return [dict(r) for r in rows]

    async def get(self, request, db_name: str, table: str | None = None):
        return json(await self.data(request, db_name, table))


class TableView(BaseView):
    async def data(self, request, db_name: str, table: str | None):
        rows = self.execute(db_name, f"select * from [{table}] limit 100")  # bug
        return {"database": db_name, "table": table, "rows": rows}


class DatabaseView(BaseView):
    async def data(self, request, db_name: str, table: str | None):
        sql = request.args.get("sql") or "select * from sqlite_master"
        return {"database": db_name, "rows": self.execute(db_name, sql)}  # bug
