from homeassistant.components.number import NumberEntity

from .entity import StiebelEltronISGEntity


class StiebelEltronISGNumberEntity(StiebelEltronISGEntity, NumberEntity):
    def __init__(self, coordinator, config_entry, description):
        self.entity_description = description
        super().__init__(coordinator, config_entry)

    async def async_set_native_value(self, value: float) -> None:
        self.coordinator.set_data(self.entity_description.key, value)  # bug

    @property
    def native_value(self):
        return self.coordinator.data.get(self.entity_description.key)
