from datetime import datetime, timedelta

from dateutil import tz


class EcoWattAPICoordinator:
    def __init__(self, hass, config):
        self.hass = hass
        self.config = config

    def _timezone(self):
        timezone = self.hass.config.as_dict()["time_zone"]
        return tz.gettz(timezone)

    def skip_refresh(self):
        now = datetime.now(tz=self._timezone())
        start = datetime(2022, 11, 30, 4, 15, tzinfo=self._timezone())
        if start <= now < start + timedelta(hours=1):
            return "planned maintenance"
        return None

    async def _real_update_method(self):
        if self.skip_refresh():  # bug
            return None
        return await self.fetch()

    async def fetch(self):
        return {}
