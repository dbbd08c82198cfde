"""Base entity (reproduction, see switch.py)."""
from __future__ import annotations

from typing import TypeVar

from homeassistant.const import CONF_NAME
from homeassistant.helpers.entity import Entity
from homeassistant.helpers.update_coordinator import CoordinatorEntity

from .coordinator import MikrotikCoordinator, MikrotikTrackerCoordinator

_MikrotikCoordinatorT = TypeVar(
    "_MikrotikCoordinatorT",
    bound=MikrotikCoordinator | MikrotikTrackerCoordinator,
)


class MikrotikEntity(CoordinatorEntity[_MikrotikCoordinatorT], Entity):
    _attr_has_entity_name = True

    def __init__(self, coordinator: MikrotikCoordinator, entity_description, uid: str | None = None):
        super().__init__(coordinator)
        self.entity_description = entity_description
        self._inst = coordinator.config_entry.data[CONF_NAME]
        self._uid = uid
        self._data = coordinator.data[self.entity_description.data_path]
        if self._uid:
            self._data = coordinator.data[self.entity_description.data_path][self._uid]
