"""The API's database access (reproduction, see s3.py)."""
import asyncpg


class DatabaseManager:
    def __init__(self):
        self.pool = None

    async def _conn(self):
        if self.pool is None:
            self.pool = await asyncpg.create_pool(dsn="postgresql://ridges@db/ridges")
        return self.pool

    async def get_agent_version(self, version_id: str):
        pool = await self._conn()
        return await pool.fetchrow("SELECT * FROM agent_versions WHERE version_id = $1", version_id)

    async def store_agent_version(self, version_id: str, agent_id: str) -> int:
        pool = await self._conn()
        await pool.execute("INSERT INTO agent_versions (version_id, agent_id) VALUES ($1, $2)", version_id, agent_id)
        return 1
