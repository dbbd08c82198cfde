"""REST controller of the Wiser heating API library (reproduction, see helpers/extra_config.py)."""
from aioWiserHeatAPI.helpers.extra_config import _WiserExtraConfig


class _WiserRestController:
    def __init__(self, hub_name: str, extra_config_file: str = None):
        self._hub_name = hub_name
        self._extra_config_file = extra_config_file
        self._extra_config: _WiserExtraConfig = None

    async def _get_extra_config_data(self):
        if self._extra_config_file:
            if not self._extra_config:
                self._extra_config = _WiserExtraConfig(self._extra_config_file, self._hub_name.lower())
                await self._extra_config.async_load_config()
            return self._extra_config.config()
        return {}
