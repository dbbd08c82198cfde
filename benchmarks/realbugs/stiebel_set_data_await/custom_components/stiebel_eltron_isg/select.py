"""Select platform of the Stiebel Eltron ISG integration.

Reproduction of the shape fixed in https://github.com/pail23/stiebel_eltron_isg_component/pull/269
("Fix await coroutine for numbers and selects", commit f38b0b2): async_select_option (and
async_set_native_value of number.py) called self.coordinator.set_data(...) without await; the
coordinator comes from the entity base class (Home Assistant's CoordinatorEntity, untyped
parameter) and set_data is async in both coordinator subclasses (lwz_coordinator.py,
wpm_coordinator.py), so the write never ran ("coroutine ... set_data was never awaited").
"""
import logging

from homeassistant.components.select import SelectEntity

from .const import DOMAIN
from .entity import StiebelEltronISGEntity

_LOGGER = logging.getLogger(__name__)


def get_key_from_value(options, value):
    for key, option in options.items():
        if option == value:
            return key
    return None


class StiebelEltronISGSelectEntity(StiebelEltronISGEntity, SelectEntity):
    def __init__(self, coordinator, config_entry, description, options):
        self.entity_description = description
        self._options = options
        super().__init__(coordinator, config_entry)

    @property
    def unique_id(self) -> str | None:
        return f"{DOMAIN}_{self.coordinator.name}_{self.entity_description.key}"

    @property
    def current_option(self):
        key = self.coordinator.data.get(self.entity_description.key)
        return self._options.get(key)

    async def async_select_option(self, option: str) -> None:
        key = get_key_from_value(self._options, option)
        self.coordinator.set_data(self.entity_description.key, key)  # bug
