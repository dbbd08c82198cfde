"""Model metadata from models.dev.

Reproduction of the shape described in https://github.com/NousResearch/hermes-agent/pull/22753
("prevent Discord disconnects from blocking event loop"): agent/models_dev.py fetched the model
catalogue with the synchronous `requests.get()` (timeout 15 s); the gateway's coroutines reached
it through model_metadata's plain helpers, blocking the loop (and the Discord heartbeat) for the
whole request. The change added async variants and moved the sync chain to a thread.
"""
import requests

MODELS_DEV_URL = "https://models.dev/api.json"
_cache: dict = {}


def fetch_models_dev() -> dict:
    if "data" not in _cache:
        response = requests.get(MODELS_DEV_URL, timeout=15)
        response.raise_for_status()
        _cache["data"] = response.json()
    return _cache["data"]


def lookup_models_dev_context(provider: str, model: str) -> int | None:
    data = fetch_models_dev()
    entry = data.get(provider, {}).get("models", {}).get(model)
    return entry.get("limit", {}).get("context") if entry else None
