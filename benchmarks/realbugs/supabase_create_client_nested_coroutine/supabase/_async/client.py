"""Async Supabase client.

Reproduction of the shape fixed in https://github.com/supabase/supabase-py/pull/859 (commit
07c75eef93f61e4e815781f6b9cdbd197be1f64b, "fix: missing await in async create_client"): the
module's coroutine create_client returns `AsyncClient.create(...)` without awaiting it;
AsyncClient.create is an async classmethod (it awaits the auth session), so `await
create_client(...)` hands the caller a coroutine instead of the client, and its declared return
type is false. The fix awaited it.
"""
from typing import Any, Dict, Optional, Union

import httpx


class ClientOptions:
    def __init__(self, schema: str = "public", headers: Optional[Dict[str, str]] = None):
        self.schema = schema
        self.headers = headers or {}


class AsyncSupabaseAuthClient:
    def __init__(self, url: str, headers: Dict[str, str]):
        self._http = httpx.AsyncClient(base_url=url, headers=headers)

    async def get_session(self) -> Optional[Dict[str, Any]]:
        response = await self._http.get("/session")
        return response.json() if response.status_code == 200 else None


class AsyncClient:
    """Supabase client class."""

    def __init__(self, supabase_url: str, supabase_key: str, options: Union[ClientOptions, None] = None):
        self.supabase_url = supabase_url
        self.supabase_key = supabase_key
        self.options = options or ClientOptions()
        self.auth = AsyncSupabaseAuthClient(f"{supabase_url}/auth/v1", {"apiKey": supabase_key, **self.options.headers})
        self._auth_token: Optional[str] = None

    @classmethod
    async def create(cls, supabase_url: str, supabase_key: str, options: Union[ClientOptions, None] = None) -> "AsyncClient":
        client = cls(supabase_url, supabase_key, options)
        session = await client.auth.get_session()
        if session:
            client._auth_token = session.get("access_token")
        return client


async def create_client(supabase_url: str, supabase_key: str, options: Union[ClientOptions, None] = None) -> AsyncClient:
    """Create client function to instantiate supabase client like what is done in all other client libraries."""
    return AsyncClient.create(  # bug
        supabase_url=supabase_url, supabase_key=supabase_key, options=options
    )
