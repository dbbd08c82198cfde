"""Weather station sensors of a Home Assistant integration reading a clientraw.txt file.

Reproduction of the shape fixed in https://github.com/pilotak/homeassistant-clientraw/pull/28
(commit 8c51a785a5c2b350a6c4f050a285e4be2266d25b, "Fix deprecated asyncio.wait use with
coroutine", after Home Assistant moved to Python 3.11, where asyncio.wait() refuses bare
coroutines): the async update of ClientrawData collects dev.async_update_ha_state() (the async
method every Home Assistant Entity inherits) into a list of coroutines and passes that list to
asyncio.wait, which raised TypeError, so no sensor was ever updated. The fix wrapped each one in
asyncio.create_task.
"""
import asyncio
import logging

import aiohttp
from homeassistant.const import STATE_UNAVAILABLE
from homeassistant.helpers.aiohttp_client import async_get_clientsession
from homeassistant.helpers.entity import Entity
from homeassistant.helpers.event import async_call_later, async_track_utc_time_change

_LOGGER = logging.getLogger(__name__)

SENSOR_TYPES = {
    "symbol": ["Symbol", None, None, "mdi:triangle-outline", 48],
    "daily_rain": ["Daily Rain", "mm", "in", "mdi:weather-rainy", 7],
    "temp": ["Temperature", "°C", "°F", "mdi:thermometer", 4],
}


async def async_setup_platform(hass, config, async_add_entities, discovery_info=None):
    """Set up the Clientraw sensor."""
    interval = config.get("interval")
    dev = [ClientrawSensor(kind, config.get("name")) for kind in config["monitored_conditions"]]
    async_add_entities(dev)
    weather = ClientrawData(hass, config.get("url"), interval, dev)
    async_track_utc_time_change(hass, weather.async_update, minute=interval, second=0)
    await weather.async_update()


class ClientrawSensor(Entity):
    """Representation of an clientraw sensor."""

    def __init__(self, sensor_type, name):
        self.client_name = name
        self.type = sensor_type
        self._name = SENSOR_TYPES[sensor_type][0]
        self._state = None

    @property
    def name(self):
        return "{} {}".format(self.client_name, self._name)

    @property
    def state(self):
        return self._state

    @property
    def should_poll(self):
        return False


class ClientrawData(object):
    """Get the latest data and updates the states."""

    def __init__(self, hass, url, interval, devices):
        self._url = url
        self.devices = devices
        self.data = {}
        self.hass = hass
        self._interval = interval

    async def async_update(self, *_):
        """Get the latest data"""
        try:
            websession = async_get_clientsession(self.hass)
            async with asyncio.timeout(10):
                resp = await websession.get(self._url)
            text = await resp.text()
        except (asyncio.TimeoutError, aiohttp.ClientError) as err:
            _LOGGER.error("Will try again shortly: %s", err)
            async_call_later(self.hass, 2 * 60, self.async_update)
            return
        self.data = text.split(" ")
        if len(self.data) < 115:
            return

        tasks = []
        for dev in self.devices:
            raw = self.data[SENSOR_TYPES[dev.type][4]]
            if raw in ("-", "--", "---"):
                new_state = STATE_UNAVAILABLE
            elif dev.type == "symbol":
                new_state = int(raw)
            else:
                new_state = round(float(raw), 2)

            # pylint: disable=protected-access
            if new_state != dev._state:
                dev._state = new_state
                tasks.append(dev.async_update_ha_state())  # bug

        if tasks:
            await asyncio.wait(tasks)  # bug

        async_call_later(self.hass, self._interval * 60, self.async_update)
