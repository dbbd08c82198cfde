"""Async price fetcher built on the nordpool library's Prices.

Reproduction of the shape reported in https://github.com/custom-components/nordpool/issues/387
(fixed in commit 24afe61, "Run blocking call in a different OS thread"): the async fetch of
AioPrices, a subclass of nordpool.elspot.Prices (an installed library), parsed each downloaded
JSON with `self._parse_json(i, areas)`, the base class's synchronous parser, whose timezone
handling opens zoneinfo files: Home Assistant reported a blocking open inside the event loop. The
fix ran _parse_json in the executor.
"""

import asyncio
from datetime import date, datetime, timedelta

import aiohttp
from nordpool.elspot import Prices


async def join_result_for_correct_time(results, dt):
    return results


class AioPrices(Prices):
    """Interface"""

    def __init__(self, currency, client, timeezone=None):
        super().__init__(currency)
        self.client = client
        self.timeezone = timeezone

    async def _io(self, url, **kwargs):
        resp = await self.client.get(url, params=kwargs)
        return await resp.json()

    async def _fetch_json(self, data_type, end_date=None):
        if end_date is None:
            end_date = date.today() + timedelta(days=1)
        if not isinstance(end_date, date) and not isinstance(end_date, datetime):
            end_date = datetime.fromisoformat(end_date)
        return await self._io(self.API_URL % data_type, currency=self.currency, endDate=end_date.strftime("%d-%m-%Y"))

    async def fetch(self, data_type, end_date=None, areas=None):
        if areas is None:
            areas = []
        today = datetime.now()
        yesterday = today - timedelta(days=1)
        tomorrow = today + timedelta(days=1)
        jobs = [
            self._fetch_json(data_type, yesterday),
            self._fetch_json(data_type, today),
            self._fetch_json(data_type, tomorrow),
        ]

        res = await asyncio.gather(*jobs)

        raw = [self._parse_json(i, areas) for i in res]  # bug
        return await join_result_for_correct_time(raw, end_date)

    async def hourly(self, end_date=None, areas=None):
        """Helper to fetch hourly data, see Prices.fetch()"""
        if areas is None:
            areas = []
        return await self.fetch(self.HOURLY, end_date, areas)
