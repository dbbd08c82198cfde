"""Aula's calendar platform: waits for the client's children list at set-up.

Reproduction of the shape reported in https://github.com/scaarup/aula/issues/18 (resolved in
v0.1.24): Home Assistant detected `time.sleep(0.400)` of calendar.py inside the event loop; the
async set-up polled the shared client (filled by another platform) in a loop, sleeping between
tries.
"""
import logging
import time

from homeassistant import config_entries, core

from .const import CONF_SCHOOLSCHEDULE, DOMAIN

_LOGGER = logging.getLogger(__name__)


async def async_setup_entry(
    hass: core.HomeAssistant,
    config_entry: config_entries.ConfigEntry,
    async_add_entities,
):
    config = hass.data[DOMAIN][config_entry.entry_id]
    if not config[CONF_SCHOOLSCHEDULE] == True:
        return True
    client = hass.data[DOMAIN]["client"]
    devices = []
    for i in range(0, 100):
        try:
            client._children
        except AttributeError:
            _LOGGER.debug("%s no client._children ... yet", i)
        else:
            break
        time.sleep(0.400)  # bug
    for child in client._children:
        devices.append(CalendarDevice(hass, child["name"], child["id"]))
    async_add_entities(devices)


class CalendarDevice:
    def __init__(self, hass, name, childid):
        self.hass = hass
        self._name = "Skoleskema " + name
        self._childid = childid
