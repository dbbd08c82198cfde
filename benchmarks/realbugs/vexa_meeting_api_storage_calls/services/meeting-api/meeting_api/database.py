"""Database session and auth dependencies (reproduction, see recordings.py)."""
import os

from fastapi import Header, HTTPException
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker, create_async_engine

engine = create_async_engine(os.environ.get("DATABASE_URL", "postgresql+asyncpg://vexa@postgres/vexa"))
async_session_local = async_sessionmaker(engine, class_=AsyncSession, expire_on_commit=False)


async def get_db():
    async with async_session_local() as session:
        yield session


class UserProxy:
    def __init__(self, user_id: int):
        self.id = user_id


async def get_user_and_token(x_api_key: str = Header(...)):
    if not x_api_key:
        raise HTTPException(status_code=403, detail="Missing API key")
    return x_api_key, UserProxy(int(x_api_key.split(":")[0]))
