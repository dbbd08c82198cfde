"""Elasticsearch integration: setup entry point (reproduction, see es_gateway_8.py)."""
from homeassistant.config_entries import ConfigEntry
from homeassistant.core import HomeAssistant

from .es_integration import ElasticIntegration


async def async_setup_entry(hass: HomeAssistant, config_entry: ConfigEntry) -> bool:
    integration = ElasticIntegration(hass=hass, config_entry=config_entry)
    await integration.async_init()
    config_entry.runtime_data = integration
    return True
