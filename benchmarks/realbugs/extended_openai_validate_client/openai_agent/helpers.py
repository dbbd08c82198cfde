"""Helpers of a conversation agent integration built on the OpenAI client.

Reproduction of the shape fixed in https://github.com/jekalmin/extended_openai_conversation/pull/259
(report: https://github.com/jekalmin/extended_openai_conversation/issues/217): the config flow's
credential check built an AsyncOpenAI client without an http_client, so the client built its own
httpx client and SSL context (loading the certificate bundle) on the event loop.
"""

from __future__ import annotations

from openai import AsyncAzureOpenAI, AsyncOpenAI


def is_azure(base_url: str | None) -> bool:
    return bool(base_url) and "azure" in base_url


async def validate_authentication(
    hass,
    api_key: str,
    base_url: str | None,
    api_version: str | None,
    organization: str | None = None,
    skip_authentication: bool = False,
) -> None:
    if skip_authentication:
        return
    if is_azure(base_url):
        client = AsyncAzureOpenAI(  # bug
            api_key=api_key,
            azure_endpoint=base_url,
            api_version=api_version,
            organization=organization,
        )
    else:
        client = AsyncOpenAI(  # bug
            api_key=api_key, base_url=base_url, organization=organization
        )
    await client.models.list(timeout=10)
