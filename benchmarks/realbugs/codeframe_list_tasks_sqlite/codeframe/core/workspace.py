import sqlite3
from dataclasses import dataclass
from pathlib import Path


@dataclass
class Workspace:
    id: str
    repo_path: Path
    db_path: Path


def _open_db(db_path: str | Path) -> sqlite3.Connection:
    """Open a workspace SQLite connection (WAL, busy timeout). The caller closes it."""
    conn = sqlite3.connect(db_path)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA busy_timeout = 5000")
    return conn


def get_db_connection(workspace: Workspace) -> sqlite3.Connection:
    return _open_db(workspace.db_path)
