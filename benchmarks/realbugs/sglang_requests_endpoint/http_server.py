"""An admin endpoint of an inference server asks a bootstrap service over HTTP with the
synchronous client; every in-flight request (token streaming included) waits with it."""

import functools

import requests
from fastapi import FastAPI

app = FastAPI()
BOOTSTRAP_URL = "http://127.0.0.1:9000"


def admin_optional(handler):
    @functools.wraps(handler)
    async def wrapper(*args, **kwargs):
        return await handler(*args, **kwargs)

    return wrapper


@app.get("/transfer_engine_info")
@admin_optional
async def transfer_engine_info(rank: int = 0) -> dict:
    resp = requests.get(f"{BOOTSTRAP_URL}/info", params={"rank": rank}, timeout=5)  # bug
    return resp.json()
