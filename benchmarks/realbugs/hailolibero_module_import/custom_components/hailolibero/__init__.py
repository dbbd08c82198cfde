"""Hailo Libero integration: the smart bin opener's set-up.

Reproduction of the shape reported in https://github.com/voldemarpanso/ha_hailolibero/issues/1
("Detected blocking call to import_module / listdir", fixed by commit a101633 "adopting
async_import_module, to deal with blocking calls"): the integration imported the installed
hailolibero library at module level, so Home Assistant's import of the integration (on the loop)
imported the library and read site-packages metadata; the fix imports it with
`await async_import_module(hass, "hailolibero")` inside async_setup_entry and validate_input.
"""
from __future__ import annotations

import logging

from homeassistant.config_entries import ConfigEntry
from homeassistant.const import CONF_HOST
from homeassistant.core import HomeAssistant

from hailolibero import HailoLibero  # bug
from hailolibero.hailolibero import HailoSettings, HailoInfo

from .const import DOMAIN

_LOGGER = logging.getLogger(__name__)


async def async_setup_entry(hass: HomeAssistant, entry: ConfigEntry) -> bool:
    hailo = HailoLibero(ip_address=entry.data[CONF_HOST])
    await hailo.login(entry.data.get("password"))
    await hailo.read_settings()
    hass.data.setdefault(DOMAIN, {})[entry.entry_id] = HailoDevice(hailo)
    return True


class HailoDevice:
    def __init__(self, hailo: HailoLibero):
        self.settings = HailoSettings
        self.info: HailoInfo
        self.hailo = hailo
