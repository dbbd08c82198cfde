"""Base entity of the Kumo integration."""
from __future__ import annotations

from homeassistant.helpers.update_coordinator import CoordinatorEntity

from .coordinator import KumoDataUpdateCoordinator


class CoordinatedKumoEntitty(CoordinatorEntity):
    """Defines a base Kumo entity."""

    def __init__(self, coordinator: KumoDataUpdateCoordinator) -> None:
        super().__init__(coordinator)
        self._coordinator = coordinator
        self._pykumo = coordinator.get_device()
        self._identifier = self._pykumo.get_serial()

    @property
    def should_poll(self):
        return True
