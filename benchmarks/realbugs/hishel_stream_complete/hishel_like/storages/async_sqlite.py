"""An async SQLite response cache whose clean-up drops entries left half-written.

Reproduction of the shape fixed in https://github.com/karpetrosyan/hishel/pull/417: the check
for a stale, incomplete entry called the async completeness check without await inside
`and not ...`, so the coroutine (always true) was negated and stale entries were never removed.
"""

from __future__ import annotations

import time

try:
    import aiosqlite

    class AsyncCacheStorage:
        def __init__(self, connection: aiosqlite.Connection) -> None:
            self._connection = connection

        async def _stream_is_complete(self, entry_id: str, cursor: aiosqlite.Cursor) -> bool:
            await cursor.execute(
                "SELECT 1 FROM chunks WHERE entry_id = ? AND last = 1", (entry_id,)
            )
            return await cursor.fetchone() is not None

        async def _is_stale_fragment(self, entry: dict, cursor: aiosqlite.Cursor) -> bool:
            if entry["created_at"] + 3600 < time.time() and not self._stream_is_complete(entry["id"], cursor):  # bug
                return True
            return False

        async def clean_up(self) -> None:
            cursor = await self._connection.cursor()
            await cursor.execute("SELECT id, created_at FROM entries")
            for entry_id, created_at in await cursor.fetchall():
                entry = {"id": entry_id, "created_at": created_at}
                if await self._is_stale_fragment(entry, cursor):
                    await cursor.execute("DELETE FROM entries WHERE id = ?", (entry_id,))
            await self._connection.commit()

except ImportError:

    class AsyncCacheStorage:  # type: ignore[no-redef]
        def __init__(self, *args: object, **kwargs: object) -> None:
            raise ImportError("aiosqlite is required for the SQLite storage")
