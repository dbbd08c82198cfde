"""Redis (reproduction, see cli.py)."""
from pydantic import BaseModel
from redis.asyncio import from_url


class Genre(BaseModel):
    label: str
    value: str


redis = from_url("redis://redis")
