"""Data update coordinator of the air purifier integration (reproduction, see ../../milasdk/api.py)."""
import logging
from datetime import timedelta

from homeassistant.config_entries import ConfigEntry
from homeassistant.core import HomeAssistant
from homeassistant.helpers.update_coordinator import DataUpdateCoordinator
from milasdk import MilaApi

from .auth import MilaConfigEntryAuth
from .const import DEFAULT_SCAN_INTERVAL, DOMAIN

_LOGGER = logging.getLogger(__name__)


class MilaUpdateCoordinator(DataUpdateCoordinator):
    def __init__(self, hass: HomeAssistant, config_entry: ConfigEntry) -> None:
        self._hass = hass
        self._config_entry = config_entry
        self._api = MilaApi(MilaConfigEntryAuth(hass, config_entry))
        super().__init__(hass, _LOGGER, name=DOMAIN, update_interval=timedelta(seconds=DEFAULT_SCAN_INTERVAL))

    async def async_setup(self) -> bool:
        await self.async_config_entry_first_refresh()
        return True

    async def _async_update_data(self):
        return {}
