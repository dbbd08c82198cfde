"""SQLite storage backend of a memory service (MCP server).

Reproduction of the shape reported in https://github.com/doobidoo/mcp-memory-service/issues/637
(synchronous sqlite3 calls inside async def methods) and its sibling report
https://github.com/doobidoo/mcp-memory-service/issues/433, fixed in commit
https://github.com/doobidoo/mcp-memory-service/commit/aef82dc7bb5ed56d37b86eb8d3ba4897d2e0158f: every
database operation of the class went through the async _execute_with_retry(operation: Callable),
which ran `return operation()` on the loop; the operations are nested sync closures (and the bound
method self.conn.commit) running self.conn.execute/executemany/commit on a sqlite3 connection. The
fix ran `await asyncio.to_thread(operation)`.
"""
import asyncio
import json
import logging
import random
import sqlite3
from typing import Any, Callable, Dict, List

logger = logging.getLogger(__name__)


class SqliteVecMemoryStorage:
    def __init__(self, db_path: str) -> None:
        self.db_path = db_path
        self.conn = None

    def _connect(self) -> None:
        self.conn = sqlite3.connect(self.db_path, timeout=15.0, check_same_thread=False)

    async def initialize(self) -> None:
        await asyncio.to_thread(self._connect)

    async def _execute_with_retry(self, operation: Callable, max_retries: int = 5, initial_delay: float = 0.2):
        """Execute a database operation with exponential backoff on a locked database."""
        last_exception = None
        delay = initial_delay
        for attempt in range(max_retries + 1):
            try:
                return operation()  # bug
            except sqlite3.OperationalError as e:
                last_exception = e
                if ("locked" in str(e).lower() or "busy" in str(e).lower()) and attempt < max_retries:
                    await asyncio.sleep(delay * (1 + random.uniform(-0.1, 0.1)))
                    delay *= 2
                    continue
                raise
        raise last_exception

    async def _persist_access_metadata(self, content_hash: str, metadata: Dict[str, Any]) -> None:
        def update_metadata():
            self.conn.execute(
                "UPDATE memories SET metadata = ? WHERE content_hash = ?",
                (json.dumps(metadata), content_hash),
            )
            self.conn.commit()

        await self._execute_with_retry(update_metadata)

    async def store(self, content_hash: str, content: str, tags: List[str]) -> bool:
        def insert_memory():
            self.conn.execute(
                "INSERT INTO memories (content_hash, content, tags) VALUES (?, ?, ?)",
                (content_hash, content, ",".join(tags)),
            )

        await self._execute_with_retry(insert_memory)
        await self._execute_with_retry(self.conn.commit)
        return True

    async def search_by_tag(self, tag: str) -> List[str]:
        def search():
            return [row[0] for row in self.conn.execute("SELECT content FROM memories WHERE tags LIKE ?", (f"%{tag}%",))]

        return await self._execute_with_retry(search)
