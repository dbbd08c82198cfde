"""Exa web search tools of the Hive agent framework (a FastMCP server).

Reproduction of the shape fixed in https://github.com/aden-hive/hive (commit
567d23024d47e731b129a68dec97ce073131b095, "fix(tools): convert exa_search and apollo to async to
prevent event-loop blocking"): register_tools defines the tool `exa_search` with `@mcp.tool()` as a
plain function, which FastMCP calls directly on its event loop; it calls the closure
_make_request, which posts with httpx.post and, on HTTP 429, sleeps with time.sleep(2**attempt)
before retrying, so every search stalls the agents' other tool calls. The fix made both async on
httpx.AsyncClient and asyncio.sleep.
"""
from __future__ import annotations

import os
import time

import httpx
from fastmcp import FastMCP

EXA_API_BASE = "https://api.exa.ai"


def register_tools(mcp: FastMCP, credentials=None) -> None:
    """Register the Exa search tools with the MCP server."""

    def _get_api_key() -> str | None:
        if credentials is not None:
            return credentials.get("exa_search")
        return os.getenv("EXA_API_KEY")

    def _make_request(endpoint: str, payload: dict, api_key: str) -> dict:
        """POST to the Exa API, retrying on rate limits."""
        max_retries = 3
        for attempt in range(max_retries + 1):
            response = httpx.post(  # bug
                f"{EXA_API_BASE}{endpoint}",
                json=payload,
                headers={"x-api-key": api_key, "Content-Type": "application/json"},
                timeout=30.0,
            )
            if response.status_code == 429 and attempt < max_retries:
                time.sleep(2**attempt)  # bug
                continue
            if response.status_code == 401:
                return {"error": "Invalid Exa API key"}
            if response.status_code != 200:
                return {"error": f"Exa API request failed: HTTP {response.status_code}"}
            break
        return response.json()

    @mcp.tool()
    def exa_search(query: str, num_results: int = 10) -> dict:
        """Search the web with Exa."""
        api_key = _get_api_key()
        if not api_key:
            return {"error": "Exa credentials not configured"}
        if not 1 <= len(query) <= 500:
            return {"error": "Query must be 1-500 characters"}
        payload = {"query": query, "numResults": max(1, min(num_results, 20)), "contents": {}}
        try:
            data = _make_request("/search", payload, api_key)  # bug
            if "error" in data:
                return data
            return {"results": [{"title": r.get("title"), "url": r.get("url")} for r in data.get("results", [])]}
        except httpx.TimeoutException:
            return {"error": "Exa search request timed out"}
