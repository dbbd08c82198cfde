"""Fuel prices of Danish fuel companies."""
from __future__ import annotations

from .const import CONF_CLIENT, CONF_PLATFORM, CONF_UPDATE_INTERVAL, DOMAIN
from .fuelprices_dk_api import fuelprices


async def async_setup(hass, config):
    conf = config.get(DOMAIN)
    if conf is None:
        return True

    fuelPrices = fuelprices()
    fuelPrices.loadCompanies(conf.get("companies", []))
    hass.data[DOMAIN] = {CONF_CLIENT: fuelPrices, CONF_UPDATE_INTERVAL: conf.get(CONF_UPDATE_INTERVAL, 60)}

    hass.async_create_task(hass.helpers.discovery.async_load_platform(CONF_PLATFORM, DOMAIN, conf, config))
    return True
