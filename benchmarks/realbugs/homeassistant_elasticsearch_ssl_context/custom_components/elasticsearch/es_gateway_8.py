"""Elasticsearch Gateway for Elasticsearch 8.

Reproduction of the shape fixed in https://github.com/legrego/homeassistant-elasticsearch/pull/377
(commit 3f3a3d865ab8e0c39982741998896ddf931a48a1, "Attempt 1 at removing blocking calls from event
loop", resolves #376): the coroutine Elasticsearch8Gateway.async_init (awaited by
ElasticIntegration.async_init in es_integration.py, awaited by async_setup_entry) builds the client
with self._settings.to_client(), a plain method of Gateway8Settings that, when certificates are
verified without the host name, creates an SSL context with ssl.create_default_context() (which
loads the system's certificates from disk). The fix used Home Assistant's cached
homeassistant.util.ssl.client_context() instead.
"""
from __future__ import annotations

import ssl
from dataclasses import dataclass

from elasticsearch8._async.client import AsyncElasticsearch

from .es_gateway import ElasticsearchGateway, GatewaySettings


@dataclass
class Gateway8Settings(GatewaySettings):
    def to_client(self) -> AsyncElasticsearch:
        settings: dict = {
            "hosts": [self.url],
            "request_timeout": self.request_timeout,
        }

        if self.verify_certs and not self.verify_hostname:
            settings["ssl_context"] = ssl.create_default_context()  # bug
            settings["ssl_context"].check_hostname = False
            settings["ssl_context"].verify_mode = ssl.CERT_REQUIRED
            settings["ssl_context"].load_default_certs()
            if self.ca_certs:
                settings["ssl_context"].load_verify_locations(cafile=self.ca_certs)
        elif self.verify_certs:
            settings.update({"verify_certs": True, "ca_certs": self.ca_certs})
        else:
            settings["verify_certs"] = False

        if self.username:
            settings["basic_auth"] = (self.username, self.password)
        if self.api_key:
            settings["api_key"] = self.api_key

        return AsyncElasticsearch(**settings)


class Elasticsearch8Gateway(ElasticsearchGateway):
    def __init__(self, gateway_settings: Gateway8Settings) -> None:
        super().__init__(gateway_settings=gateway_settings)
        self._client: AsyncElasticsearch | None = None
        self._settings: Gateway8Settings = gateway_settings

    async def async_init(self) -> None:
        self._client = self._settings.to_client()
        await super().async_init()
