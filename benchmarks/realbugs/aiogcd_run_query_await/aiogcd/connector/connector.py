"""Google Cloud Datastore connector (aiohttp).

Reproduction of the shape reported in https://github.com/cesbit/aiogcd/issues/20 (fixed in
aiogcd 0.11.1): run_query called the async helper _run_query without await, so unpacking
`results, _` failed on the coroutine (and the coroutine was never awaited). The fix added the
await.
"""

import json

import aiohttp


class GcdConnector:
    def __init__(self, project_id: str, run_query_url: str) -> None:
        self.project_id = project_id
        self._run_query_url = run_query_url

    async def _get_headers(self) -> dict:
        return {"Content-Type": "application/json"}

    async def run_query(self, data):
        """Return entities by given query data."""
        results, _ = self._run_query(data)  # bug
        return results

    async def _run_query(self, data):
        results = []
        cursor = None
        async with aiohttp.ClientSession() as session:
            async with session.post(
                self._run_query_url, data=json.dumps(data), headers=await self._get_headers()
            ) as resp:
                content = await resp.json()
                results.extend(content["batch"].get("entityResults", []))
                cursor = content["batch"].get("endCursor")
        return results, cursor

    async def get_entities(self, data):
        results, _ = await self._run_query(data)
        return [result["entity"] for result in results]
