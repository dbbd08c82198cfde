"""Price sensors: each one syncs the shared coordinator every hour."""

from homeassistant.helpers.update_coordinator import CoordinatorEntity

from .coordinator import EntsoeCoordinator


class EntsoeSensor(CoordinatorEntity):
    def __init__(self, coordinator: EntsoeCoordinator, key: str) -> None:
        super().__init__(coordinator)
        self._key = key

    async def async_update(self) -> None:
        await self.coordinator.sync_calculator()
