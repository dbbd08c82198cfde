"""Async client of a tracing service (prompt hub part).

Reproduction of the shape fixed in https://github.com/langchain-ai/langsmith-sdk/pull/2528
(commit https://github.com/langchain-ai/langsmith-sdk/commit/da0d6e3f137ff375d787c4ba773c8b8d7832d0d8,
"missing await in async call"): `if not self._current_tenant_is_owner(owner):` in the async
_get_prompt_url, where _current_tenant_is_owner is an async method of the same class: the
coroutine is truthy, the branch never runs, the coroutine is never awaited. Two other callers in
the class already awaited it.
"""
from __future__ import annotations

from typing import Any, Optional

import httpx


def parse_prompt_identifier(identifier: str) -> tuple[str, str, str]:
    owner, _, rest = identifier.rpartition("/")
    name, _, commit = rest.partition(":")
    return owner or "-", name, commit or "latest"


class AsyncClient:
    def __init__(self, api_url: str, api_key: str) -> None:
        self._host_url = api_url
        self._client = httpx.AsyncClient(base_url=api_url, headers={"x-api-key": api_key})
        self._settings: Optional[dict[str, Any]] = None

    async def _get_settings(self) -> dict[str, Any]:
        if self._settings is None:
            response = await self._client.get("/settings")
            response.raise_for_status()
            self._settings = response.json()
        return self._settings

    async def _current_tenant_is_owner(self, owner: str) -> bool:
        settings = await self._get_settings()
        return owner == "-" or settings["tenant_handle"] == owner

    async def _get_prompt_url(self, prompt_identifier: str) -> str:
        owner, prompt_name, commit_hash = parse_prompt_identifier(prompt_identifier)

        if not self._current_tenant_is_owner(owner):  # bug
            return f"{self._host_url}/hub/{owner}/{prompt_name}:{commit_hash[:8]}"

        settings = await self._get_settings()
        return f"{self._host_url}/prompts/{prompt_name}/{commit_hash[:8]}?organizationId={settings['id']}"

    async def push_prompt(self, prompt_identifier: str, manifest: dict[str, Any]) -> str:
        owner, prompt_name, _ = parse_prompt_identifier(prompt_identifier)
        if not (await self._current_tenant_is_owner(owner=owner)):
            raise ValueError(f"Cannot push to {owner}'s prompts")
        response = await self._client.post(f"/commits/{owner}/{prompt_name}", json={"manifest": manifest})
        response.raise_for_status()
        return await self._get_prompt_url(f"{owner}/{prompt_name}:{response.json()['commit_hash']}")
