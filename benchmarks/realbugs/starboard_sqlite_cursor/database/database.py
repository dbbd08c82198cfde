import sqlite3
from asyncio import Lock


class Database:
    def __init__(self, db_path):
        self.conn = None
        self.lock = Lock()
        self._db_path = db_path
        self._open()

    def cursor(self):
        return self.conn.cursor()

    def close(self):
        if self.conn is not None:
            self.conn.commit()
            self.conn.close()

    def _dict_factory(self, cursor, row):
        return {col[0]: row[idx] for idx, col in enumerate(cursor.description)}

    def _open(self):
        self.conn = sqlite3.connect(self._db_path)
        self.conn.row_factory = self._dict_factory
