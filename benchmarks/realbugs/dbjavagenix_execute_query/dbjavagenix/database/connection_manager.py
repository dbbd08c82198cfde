import sqlite3
from typing import Any, Dict, List


class ConnectionManager:
    def __init__(self):
        self._connections: Dict[str, sqlite3.Connection] = {}

    def connect(self, connection_id: str, path: str) -> None:
        self._connections[connection_id] = sqlite3.connect(path)

    def execute_query(self, connection_id: str, sql: str, params=None) -> List[Dict[str, Any]]:
        conn = self._connections[connection_id]
        cursor = conn.cursor()
        try:
            cursor.execute(sql, params or ())
            columns = [col[0] for col in cursor.description or ()]
            return [dict(zip(columns, row)) for row in cursor.fetchall()]
        finally:
            cursor.close()
