"""Process-wide database singleton (reproduction, see ../../api/endpoints/functions.py)."""
from mlrun.api.db.base import DBInterface
from mlrun.api.db.sqldb.db import SQLDB

db: DBInterface = None


def get_db() -> DBInterface:
    global db
    return db


def initialize_db(dsn: str):
    global db
    db = SQLDB(dsn)
