"""Presence simulation: replays the recorded history of some entities while nobody is home.

Reproduction of the shape fixed in https://github.com/slashback100/presence_simulation/pull/136
(report: https://github.com/slashback100/presence_simulation/issues/135): the start service handler,
a coroutine nested in async_setup_entry, fell back to pytz.timezone(...) (which reads the zone
file) on the event loop.
"""

import logging
from datetime import datetime

import pytz

_LOGGER = logging.getLogger(__name__)
DOMAIN = "presence_sim"


async def async_setup_entry(hass, entry):
    async def handle_start(call, restart=False):
        switch = hass.data[DOMAIN][entry.entry_id]
        if switch.is_running:
            _LOGGER.warning("Presence simulation already running. Doing nothing")
            return
        switch.internal_turn_on()
        if not restart:
            try:
                await switch.set_start_datetime(datetime.now(hass.config.time_zone))
            except Exception:
                try:
                    await switch.set_start_datetime(datetime.now(pytz.timezone(hass.config.time_zone)))  # bug
                except Exception as err:
                    _LOGGER.warning("Start datetime could not be set to HA timezone: %s", err)
                    await switch.set_start_datetime(datetime.now())
        await switch.run_simulation()

    hass.services.async_register(DOMAIN, "start", handle_start)
    return True
