from dataclasses import dataclass
from typing import Optional

from codeframe.core.workspace import Workspace, get_db_connection


@dataclass
class Task:
    id: str
    title: str
    status: str
    priority: int


def list_tasks(workspace: Workspace, status: Optional[str] = None, limit: Optional[int] = 100) -> list[Task]:
    conn = get_db_connection(workspace)
    try:
        cursor = conn.cursor()
        if status:
            cursor.execute(
                "SELECT id, title, status, priority FROM tasks WHERE workspace_id = ? AND status = ? LIMIT ?",
                (workspace.id, status, limit),
            )
        else:
            cursor.execute(
                "SELECT id, title, status, priority FROM tasks WHERE workspace_id = ? LIMIT ?",
                (workspace.id, limit),
            )
        rows = cursor.fetchall()
    finally:
        conn.close()
    return [Task(*row) for row in rows]


def count_by_status(workspace: Workspace) -> dict[str, int]:
    conn = get_db_connection(workspace)
    try:
        cursor = conn.cursor()
        cursor.execute(
            "SELECT status, COUNT(*) FROM tasks WHERE workspace_id = ? GROUP BY status",
            (workspace.id,),
        )
        rows = cursor.fetchall()
    finally:
        conn.close()
    return {status: count for status, count in rows}
