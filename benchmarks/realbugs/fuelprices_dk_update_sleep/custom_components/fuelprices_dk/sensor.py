"""Fuel price sensors.

Reproduction of the shape fixed in https://github.com/J-Lindvig/Fuelprices_DK/issues/12 (fix: commit
15b1a266210ec1609bb452598bff683e781df6d6, "Bugfixes and improvements", from PR #1's change): the
nested coroutine async_update_data, the update_method of a DataUpdateCoordinator built in
async_setup_platform, refreshes each company in the executor and then waits between companies with
time.sleep(3) on the event loop. The fix used await asyncio.sleep(3).
"""
from __future__ import annotations

import logging
import time
from datetime import timedelta

from homeassistant.helpers.update_coordinator import DataUpdateCoordinator

from .const import CONF_CLIENT, CONF_PLATFORM, CONF_UPDATE_INTERVAL, DOMAIN

_LOGGER = logging.getLogger(__name__)


async def async_setup_platform(hass, config, async_add_entities, discovery_info=None):
    updateInterval = hass.data[DOMAIN][CONF_UPDATE_INTERVAL]

    async def async_update_data():
        fuelPrices = hass.data[DOMAIN][CONF_CLIENT]
        for company in fuelPrices.getCompanies():
            await hass.async_add_executor_job(company.refreshPrices)
            time.sleep(3)  # bug

    coordinator = DataUpdateCoordinator(
        hass,
        _LOGGER,
        name=CONF_PLATFORM,
        update_method=async_update_data,
        update_interval=timedelta(minutes=updateInterval),
    )
    await coordinator.async_request_refresh()
    async_add_entities([])
