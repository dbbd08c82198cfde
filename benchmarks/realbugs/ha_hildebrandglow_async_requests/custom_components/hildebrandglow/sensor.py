"""Platform for sensor integration (reproduction, see glow.py)."""
from typing import Any, Callable, Dict, Optional

from homeassistant.core import HomeAssistant
from homeassistant.helpers.entity import Entity

from .const import DOMAIN
from .glow import Glow


async def async_setup_entry(hass: HomeAssistant, config, async_add_entities: Callable) -> bool:
    new_entities = []
    for entry in hass.data[DOMAIN]:
        glow = hass.data[DOMAIN][entry]
        resources = await glow.retrieve_resources()
        for resource in resources:
            new_entities.append(GlowConsumptionCurrent(glow, resource))
    async_add_entities(new_entities)
    return True


class GlowConsumptionCurrent(Entity):
    def __init__(self, glow: Glow, resource: Dict[str, Any]):
        self._state: Optional[Dict[str, Any]] = None
        self.glow = glow
        self.resource = resource

    @property
    def state(self) -> Optional[str]:
        if self._state:
            return self._state["data"][0][1]
        return None

    async def async_update(self) -> None:
        self._state = await self.glow.current_usage(self.resource["resourceId"])
