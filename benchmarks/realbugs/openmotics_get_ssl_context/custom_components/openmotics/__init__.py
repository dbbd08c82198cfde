"""Setup of the OpenMotics Home Assistant integration (reproduction, see coordinator.py)."""
from __future__ import annotations

import logging

from homeassistant.const import CONF_IP_ADDRESS
from homeassistant.helpers.config_entry_oauth2_flow import OAuth2Session

from .const import DOMAIN, PLATFORMS
from .coordinator import OpenMoticsCloudDataUpdateCoordinator, OpenMoticsLocalDataUpdateCoordinator

_LOGGER = logging.getLogger(__name__)


async def async_setup_entry(hass, entry) -> bool:
    if CONF_IP_ADDRESS in entry.data:
        coordinator = OpenMoticsLocalDataUpdateCoordinator(
            hass,
            name=f"Localgw_{entry.data.get(CONF_IP_ADDRESS)}",
        )
    else:
        oauth2_session = OAuth2Session(hass, entry, entry.runtime_data)
        coordinator = OpenMoticsCloudDataUpdateCoordinator(
            hass, session=oauth2_session, name=entry.data.get("auth_implementation")
        )
    await coordinator.async_config_entry_first_refresh()
    hass.data.setdefault(DOMAIN, {})[entry.entry_id] = coordinator
    await hass.config_entries.async_forward_entry_setups(entry, PLATFORMS)
    return True
