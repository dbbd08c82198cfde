"""openHASP-style plate entity: its constructor reads the pages JSON schema next to the module."""

import json
import pathlib

from homeassistant.helpers.restore_state import RestoreEntity

from .const import CONF_COMPONENT, CONF_PLATE, DOMAIN


async def async_setup_entry(hass, entry) -> bool:
    plate = entry.data["name"]
    component = hass.data[DOMAIN][CONF_COMPONENT]
    plate_entity = SwitchPlate(hass, entry)  # bug
    await component.async_add_entities([plate_entity])
    hass.data[DOMAIN][CONF_PLATE][plate] = plate_entity
    return True


class SwitchPlate(RestoreEntity):
    def __init__(self, hass, entry):
        super().__init__()
        self._entry = entry
        self._topic = entry.data["topic"]
        self._page = 1
        with open(pathlib.Path(__file__).parent.joinpath("pages_schema.json"), "r") as schema_file:
            self.json_schema = json.load(schema_file)
        self._attr_unique_id = entry.data["hwid"]

    @property
    def state(self):
        return self._page
