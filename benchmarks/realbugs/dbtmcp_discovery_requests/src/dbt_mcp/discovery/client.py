"""Client of the dbt Discovery (metadata) GraphQL API.

Reproduction of the shape fixed in https://github.com/dbt-labs/dbt-mcp/pull/463 ("Use async httpx
client for discovery requests"): the async execute_query of MetadataAPIClient awaited the config
provider, then posted the GraphQL query with the synchronous requests.post, blocking the MCP
server's event loop for the whole round trip. The fix used httpx.AsyncClient.
"""

from typing import Any

import requests


class MetadataAPIClient:
    def __init__(self, config_provider: Any):
        self.config_provider = config_provider

    async def execute_query(self, query: str, variables: dict) -> dict:
        config = await self.config_provider.get_config()
        url = config.url
        headers = config.headers_provider.get_headers()
        response = requests.post(  # bug
            url=url,
            json={"query": query, "variables": variables},
            headers=headers,
        )
        return response.json()


class ModelsFetcher:
    def __init__(self, api_client: MetadataAPIClient, environment_id: int):
        self.api_client = api_client
        self.environment_id = environment_id

    async def fetch_models(self) -> list[dict]:
        result = await self.api_client.execute_query(
            "query { environment { applied { models { edges { node { name } } } } } }",
            {"environmentId": self.environment_id},
        )
        return result.get("data", {}).get("environment", {}).get("applied", {}).get("models", [])
