"""SQLite storage for tasks (synchronous)."""

import sqlite3

from taskdog_core.domain.task_repository import TaskRepository


class SqliteTaskRepository(TaskRepository):
    def __init__(self, path: str) -> None:
        self._conn = sqlite3.connect(path, check_same_thread=False)

    def get_all(self) -> list[dict]:
        rows = self._conn.execute("SELECT id, name, status FROM tasks").fetchall()
        return [{"id": r[0], "name": r[1], "status": r[2]} for r in rows]
