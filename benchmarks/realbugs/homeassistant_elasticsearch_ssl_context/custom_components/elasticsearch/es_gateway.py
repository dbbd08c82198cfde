"""Gateway base classes (reproduction, see es_gateway_8.py)."""
from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass
from typing import Any


@dataclass
class GatewaySettings(ABC):
    url: str
    username: str | None = None
    password: str | None = None
    api_key: str | None = None
    verify_certs: bool = True
    verify_hostname: bool = True
    ca_certs: str | None = None
    request_timeout: int = 30

    @abstractmethod
    def to_client(self) -> Any:
        """Build the client."""


class ElasticsearchGateway(ABC):
    def __init__(self, gateway_settings: GatewaySettings) -> None:
        self._client: Any = None
        self._previous_ping: bool | None = None

    async def async_init(self) -> None:
        if not await self.check_connection():
            raise ConnectionError("cannot reach Elasticsearch")

    async def check_connection(self) -> bool:
        self._previous_ping = await self._client.ping()
        return bool(self._previous_ping)
