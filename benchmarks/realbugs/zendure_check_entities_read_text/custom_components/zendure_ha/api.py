"""Device class table of the Zendure integration (reproduction, see entity.py)."""
from collections.abc import Callable
from typing import Any

from homeassistant.core import HomeAssistant

from .device import ZendureDevice
from .devices.hub1200 import Hub1200
from .devices.hyper2000 import Hyper2000


class Api:
    createdevice: dict[str, Callable[[HomeAssistant, str, str, Any], ZendureDevice]] = {
        "hub1200": Hub1200,
        "solarflow2.0": Hub1200,
        "hyper2000": Hyper2000,
    }
    devices: dict[str, ZendureDevice] = {}

    async def api_ha(self, hass: HomeAssistant, data: dict) -> dict:
        return data
