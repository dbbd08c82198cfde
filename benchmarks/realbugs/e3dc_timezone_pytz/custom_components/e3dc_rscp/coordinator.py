"""Coordinator for E3DC integration.

Reproduction of the shape fixed in https://github.com/torbennehmer/hacs-e3dc/issues/152 ("Detected
blocking call to open inside the event loop by custom integration e3dc_rscp ... at
custom_components/e3dc_rscp/coordinator.py: tz_info: pytz.timezone = pytz.timezone(tz_name)
(offender: pytz/__init__.py: return open(filename, 'rb'))"), fixed by commit
9128de8b30f389da240a577037b5f264349be762 ("Fix blocking call to pytz in HA event loop", PR #163):
the coroutine _load_timezone_settings, awaited by async_connect (awaited by async_setup_entry),
calls pytz.timezone(tz_name), which opens and reads the zoneinfo file. The fix ran it with
hass.async_add_executor_job; the line is marked.
"""

from datetime import datetime, timedelta
import logging
from typing import Any

import pytz
from homeassistant.config_entries import ConfigEntry
from homeassistant.core import HomeAssistant
from homeassistant.helpers.update_coordinator import DataUpdateCoordinator

from .const import DOMAIN
from .e3dc_proxy import E3DCProxy

_LOGGER = logging.getLogger(__name__)


class E3DCCoordinator(DataUpdateCoordinator[dict[str, Any]]):
    """E3DC Coordinator, fetches all relevant data and provides proxies for all service calls."""

    def __init__(self, hass: HomeAssistant, config_entry: ConfigEntry) -> None:
        self.uid: str = config_entry.unique_id
        self.proxy = E3DCProxy(hass, config_entry)
        self._mydata: dict[str, Any] = {}
        self._sw_version: str = ""
        self._timezone_offset: int = 0
        super().__init__(hass, _LOGGER, name=DOMAIN, update_interval=timedelta(seconds=10))

    async def async_connect(self):
        """Establish connection to E3DC."""
        await self.hass.async_add_executor_job(self.proxy.connect)
        self._sw_version = await self.hass.async_add_executor_job(self.proxy.get_software_version)
        await self._load_timezone_settings()

    async def _async_update_data(self) -> dict[str, Any]:
        poll_data: dict[str, Any] = await self.hass.async_add_executor_job(self.proxy.poll)
        self._mydata.update(poll_data)
        return self._mydata

    async def _load_timezone_settings(self):
        """Load the current timezone offset from the E3DC, using its local timezone data."""
        tz_name: str = await self.hass.async_add_executor_job(self.proxy.get_timezone)

        tz_offset: int | None = None
        try:
            tz_info: pytz.timezone = pytz.timezone(tz_name)  # bug
            dt_tmp: datetime = datetime.now(tz_info)
            tz_offset = dt_tmp.utcoffset().seconds
        except pytz.UnknownTimeZoneError:
            _LOGGER.exception("Failed to load timezone from E3DC, falling back to heuristics.")

        if tz_offset is None:
            ts_local: int = await self.hass.async_add_executor_job(self.proxy.get_time)
            ts_utc: int = await self.hass.async_add_executor_job(self.proxy.get_timeutc)
            delta: int = ts_local - ts_utc
            tz_offset = int(1800 * round(delta / 1800))

        self._mydata["e3dc_timezone"] = tz_name
        self._timezone_offset = tz_offset
