"""Connection pool of a knowledge-base backend (reproduction, see services/password_service.py)."""
import asyncpg

_pool = None


async def get_pool():
    global _pool
    if _pool is None:
        _pool = await asyncpg.create_pool(dsn="postgresql://localhost/akb")
    return _pool
