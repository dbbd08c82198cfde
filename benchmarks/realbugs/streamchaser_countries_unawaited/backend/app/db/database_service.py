"""Cache filling (reproduction, see cli.py)."""
import json

import httpx

from app.config import get_settings
from app.db.cache import Genre, redis


async def insert_genres_to_cache(genres: dict) -> None:
    fixed = [Genre(label=genre, value=genre.replace(" & ", "%20%26%20")).dict() for genre in genres.values()]
    await redis.set("genres", json.dumps(sorted(fixed, key=lambda genre: genre["label"])))


async def fetch_countries_with_providers() -> list[dict[str, str]]:
    """The TMDB countries, each with its flag as label and its code as value."""
    countries_url = f"{get_settings().tmdb_url}configuration/countries?api_key={get_settings().tmdb_key}"
    async with httpx.AsyncClient(http2=True) as client:  # also
        res = await client.get(countries_url)
    countries = res.json()
    for country in countries:
        code = country.pop("iso_3166_1")
        flag = chr(ord(code[0]) + 127397) + chr(ord(code[1]) + 127397)
        country["label"] = f"{flag} {country.pop('english_name')}"
        country["value"] = code
    return sorted(countries, key=lambda country: country["label"])


async def providers_to_redis():
    providers_url = f"{get_settings().tmdb_url}watch/providers/movie?api_key={get_settings().tmdb_key}"
    async with httpx.AsyncClient(http2=True) as client:  # also
        res = await client.get(providers_url)
    for provider in res.json()["results"]:
        await redis.set(f"provider:{provider['provider_id']}", json.dumps(provider))
