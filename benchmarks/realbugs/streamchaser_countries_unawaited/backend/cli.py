"""The backend's maintenance commands.

Reproduction of the shape fixed in https://github.com/streamchaser/streamchaser/pull/447 (commit
fa268513f6890e35186139da415021d3e223c157, "fix: add missing await"): the typer command refresh_redis
(an `async def` run by the @coroutine decorator of app/util.py through asyncio.run) passes
fetch_countries_with_providers(), an async function imported from app/db/database_service.py, to
json.dumps without await; json.dumps gets a coroutine ("Object of type coroutine is not JSON
serializable") and the coroutine is never awaited. The fix added the await inside the call.
"""
import json

import typer

from app.api import fetch_genres
from app.db.cache import redis
from app.db.database_service import fetch_countries_with_providers, insert_genres_to_cache, providers_to_redis
from app.util import coroutine

app = typer.Typer()


@app.command()
@coroutine
async def refresh_redis():
    """Flushes everything then adds genres and providers to Redis"""
    await redis.flushdb()
    await insert_genres_to_cache(fetch_genres())
    await providers_to_redis()
    await redis.set("countries", json.dumps(fetch_countries_with_providers()))  # bug


@app.command()
@coroutine
async def flush_cache():
    """Flushes everything from Redis"""
    await redis.flushdb()


if __name__ == "__main__":
    app()
