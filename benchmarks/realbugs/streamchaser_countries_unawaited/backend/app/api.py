"""TMDB requests (reproduction, see cli.py)."""
import requests

from app.config import get_settings


def fetch_genres() -> dict:
    """Gets genres from movies and tv-series to translate genre_ids."""
    key = get_settings().tmdb_key
    movie_genres = requests.get(f"https://api.themoviedb.org/3/genre/movie/list?api_key={key}").json()
    tv_genres = requests.get(f"https://api.themoviedb.org/3/genre/tv/list?api_key={key}").json()
    movie_genre_dict = {genre["id"]: genre["name"] for genre in movie_genres["genres"]}
    tv_genre_dict = {genre["id"]: genre["name"] for genre in tv_genres["genres"]}
    return {**movie_genre_dict, **tv_genre_dict}
