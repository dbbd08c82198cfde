"""Octopus Intelligent tariff integration: setup.

Reproduction of the shape reported in https://github.com/megakid/ha_octopus_intelligent/issues/28
(RuntimeWarning: coroutine 'OctopusIntelligentSystem.start' was never awaited) and fixed by
https://github.com/megakid/ha_octopus_intelligent/pull/38 (commit 529721d): async_setup_entry
handed the coordinator's async start method to hass.async_add_executor_job, which only calls it in
a worker thread and returns the coroutine, never run. The fix awaited octopus_system.start().
"""
import logging
from .octopus_intelligent_system import OctopusIntelligentSystem

from homeassistant.config_entries import ConfigEntry
from homeassistant.const import (
    CONF_API_KEY,
)
from homeassistant.core import HomeAssistant

from .const import (
    DOMAIN,
    OCTOPUS_SYSTEM,
    CONF_ACCOUNT_ID,
    CONF_OFFPEAK_START,
    CONF_OFFPEAK_END,
)
from .util import to_timedelta

_LOGGER = logging.getLogger(__name__)

PLATFORMS = ["switch", "binary_sensor", "select", "sensor"]


async def async_setup(hass: HomeAssistant, config: dict):
    """Set up the integration."""
    if DOMAIN not in hass.data:
        hass.data[DOMAIN] = {}
    return True


async def async_setup_entry(hass: HomeAssistant, entry: ConfigEntry):
    _LOGGER.debug("Setting up Octopus Intelligent System component")

    octopus_system = OctopusIntelligentSystem(
        hass,
        api_key=entry.data[CONF_API_KEY],
        account_id=entry.data[CONF_ACCOUNT_ID],
        off_peak_start=to_timedelta(entry.data[CONF_OFFPEAK_START]),
        off_peak_end=to_timedelta(entry.data[CONF_OFFPEAK_END])
    )

    try:
        await hass.async_add_executor_job(octopus_system.start)  # bug
    except Exception as ex:
        _LOGGER.error("Got error when setting up Octopus Intelligent Integration: %s", ex)
        return False

    if entry.entry_id not in hass.data[DOMAIN]:
        hass.data[DOMAIN][entry.entry_id] = {}

    hass.data[DOMAIN][entry.entry_id][OCTOPUS_SYSTEM] = octopus_system

    await octopus_system.async_config_entry_first_refresh()

    await hass.config_entries.async_forward_entry_setups(entry, PLATFORMS)

    _LOGGER.debug("Octopus Intelligent System component setup finished")
    return True
