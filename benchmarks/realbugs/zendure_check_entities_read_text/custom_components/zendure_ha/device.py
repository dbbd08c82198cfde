"""Zendure device classes (reproduction, see entity.py)."""
from __future__ import annotations

from typing import Any

from homeassistant.core import HomeAssistant

from .entity import EntityDevice, EntityZendure


class ZendureDevice(EntityDevice):
    def __init__(self, hass: HomeAssistant, deviceId: str, name: str, model: str,
                 definition: dict[str, str], parent: str | None = None) -> None:
        self.prodkey = definition["productKey"]
        super().__init__(hass, deviceId, name, model, self.prodkey, definition["snNumber"], parent)
        self.snNumber = definition["snNumber"]
        self.definition = definition
        self.discharge_limit = 0

    def setLimits(self, charge: int, discharge: int) -> None:
        self.discharge_limit = discharge


class ZendureLegacy(ZendureDevice):
    def __init__(self, hass: HomeAssistant, deviceId: str, name: str, model: str,
                 definition: dict[str, Any], parent: str | None = None) -> None:
        super().__init__(hass, deviceId, name, model, definition, parent)
        self.connection = EntityZendure(self, "connection", "select")
