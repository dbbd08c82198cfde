import asyncio

from .helpers.device_config import possible_matches


class TuyaLocalDevice:
    def __init__(self, hass, product_ids):
        self._hass = hass
        self._product_ids = product_ids
        self._cached_state = {}

    def _get_cached_state(self):
        return dict(self._cached_state)

    async def async_possible_types(self):
        cached_state = self._get_cached_state()
        for matched in await self._hass.async_add_executor_job(  # bug
            possible_matches,
            cached_state,
            self._product_ids,
        ):
            await asyncio.sleep(0)
            yield matched
