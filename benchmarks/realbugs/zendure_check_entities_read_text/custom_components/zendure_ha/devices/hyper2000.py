"""Hyper2000 device (reproduction, see ../entity.py)."""
from typing import Any

from homeassistant.core import HomeAssistant

from custom_components.zendure_ha.device import ZendureLegacy


class Hyper2000(ZendureLegacy):
    def __init__(self, hass: HomeAssistant, deviceId: str, prodName: str, definition: Any) -> None:
        super().__init__(hass, deviceId, prodName, definition["productModel"], definition)
        self.setLimits(-1200, 1200)
