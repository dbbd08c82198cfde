"""Registers the integration's Lovelace cards and tidies stale gzip files.

Reproduction of the shape fixed in https://github.com/greghesp/ha-bambulab/pull/1066: the async
method handed itself (a coroutine function) to hass.async_add_executor_job instead of the sync
worker; the executor only creates a coroutine that is never awaited, and nothing is removed.
"""

import logging
import os

_LOGGER = logging.getLogger(__name__)


class BambuLabCardRegistration:
    def __init__(self, hass) -> None:
        self.hass = hass

    async def async_register(self):
        await self.async_remove_gzip_files()

    async def async_remove_gzip_files(self):
        await self.hass.async_add_executor_job(self.async_remove_gzip_files)  # bug

    def remove_gzip_files(self):
        path = self.hass.config.path("custom_components/bambu_lab/frontend")
        for name in [f for f in os.listdir(path) if f.endswith(".gz")]:
            try:
                if os.path.getmtime(f"{path}/{name}") < os.path.getmtime(f"{path}/{name[:-3]}"):
                    os.remove(f"{path}/{name}")
            except OSError:
                _LOGGER.debug("Could not check %s", name)
