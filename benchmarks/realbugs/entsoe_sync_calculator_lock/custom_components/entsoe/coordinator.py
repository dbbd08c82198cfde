"""Coordinator fetching day-ahead prices.

Reproduction of the shape fixed in https://github.com/JaccoR/hass-entso-e/pull/293 (reports:
https://github.com/JaccoR/hass-entso-e/issues/292, PR #294 confirmed by the maintainer as already
in #293): the async sync_calculator held a threading.Lock (made in __init__) while awaiting the
price fetch; a second sensor calling it blocked the whole event loop on the lock: Home Assistant froze.
"""

import threading
from datetime import timedelta

from homeassistant.helpers.update_coordinator import DataUpdateCoordinator
from homeassistant.util import dt


class EntsoeCoordinator(DataUpdateCoordinator):
    def __init__(self, hass, api_key: str, area: str) -> None:
        self.api_key = api_key
        self.area = area
        self.today = None
        self.calculator_last_sync = None
        self.lock = threading.Lock()
        super().__init__(hass, None, name="ENTSO-e coordinator", update_interval=timedelta(minutes=60))

    async def _async_update_data(self) -> dict:
        now = dt.now()
        self.today = now.replace(hour=0, minute=0, second=0, microsecond=0)
        return await self.fetch_prices(self.today - timedelta(days=1), self.today + timedelta(days=2))

    async def fetch_prices(self, start, end) -> dict:
        return await self.hass.async_add_executor_job(self.api_update, start, end)

    def api_update(self, start, end) -> dict:
        return {}

    async def sync_calculator(self) -> None:
        now = dt.now()
        bucket = now.replace(minute=0, second=0, microsecond=0)
        with self.lock:  # bug
            if self.calculator_last_sync != bucket:
                if not self.data:
                    await self._async_update_data()
                if self.today is not None and self.today.date() != now.date():
                    self.today = now.replace(hour=0, minute=0, second=0, microsecond=0)
            self.calculator_last_sync = bucket
