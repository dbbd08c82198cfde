"""Settings (reproduction, see cli.py)."""
from functools import lru_cache

from pydantic import BaseSettings


class Settings(BaseSettings):
    tmdb_url: str = "https://api.themoviedb.org/3/"
    tmdb_key: str = ""


@lru_cache
def get_settings() -> Settings:
    return Settings()
