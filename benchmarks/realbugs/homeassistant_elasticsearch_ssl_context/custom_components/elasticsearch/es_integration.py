"""The integration object (reproduction, see es_gateway_8.py)."""
from __future__ import annotations

from homeassistant.config_entries import ConfigEntry
from homeassistant.core import HomeAssistant

from .es_gateway_8 import Elasticsearch8Gateway, Gateway8Settings


class ElasticIntegration:
    def __init__(self, hass: HomeAssistant, config_entry: ConfigEntry) -> None:
        self._hass = hass
        self._config_entry = config_entry
        gateway_settings = self.build_gateway_parameters(config_entry)
        self._gateway = Elasticsearch8Gateway(gateway_settings=gateway_settings)

    async def async_init(self) -> None:
        await self._gateway.async_init()

    @classmethod
    def build_gateway_parameters(cls, config_entry: ConfigEntry) -> Gateway8Settings:
        return Gateway8Settings(
            url=config_entry.data["url"],
            username=config_entry.data.get("username"),
            password=config_entry.data.get("password"),
            api_key=config_entry.data.get("api_key"),
            verify_certs=config_entry.data.get("verify_ssl", True),
            verify_hostname=config_entry.data.get("verify_hostname", True),
            ca_certs=config_entry.data.get("ca_certs"),
        )
