"""Coordinator to gather data for the Kumo integration"""

import logging
from collections.abc import Awaitable, Callable
from typing import TypeVar

from homeassistant.core import HomeAssistant
from homeassistant.helpers.update_coordinator import DataUpdateCoordinator, UpdateFailed
from pykumo import PyKumoBase

from .const import SCAN_INTERVAL

_LOGGER = logging.getLogger(__name__)

T = TypeVar("T")


class KumoDataUpdateCoordinator(DataUpdateCoordinator):
    """DataUpdateCoordinator to gather data for a specific Kumo device."""

    def __init__(self, hass: HomeAssistant, device: PyKumoBase) -> None:
        self.device = device
        self._additional_update_methods = []
        super().__init__(hass, _LOGGER, name=f"kumo_{device.get_serial()}", update_interval=SCAN_INTERVAL)

    def get_device(self) -> PyKumoBase:
        return self.device

    def add_update_method(self, update_method: Callable[[], Awaitable[T]]) -> None:
        """Register update methods that will be called after updating status"""
        self._additional_update_methods.append(update_method)

    async def _async_update_data(self) -> None:
        """Fetch data from Kumo device."""
        success = await self.hass.async_add_executor_job(self.device.update_status)
        if success:
            for update_method in self._additional_update_methods:
                await update_method()
        else:
            raise UpdateFailed(f"Failed to update Kumo device: {self.device.get_name()}")
