"""Climate entity of the Sensi integration (reproduction, see coordinator.py)."""
from homeassistant.components.climate import ClimateEntity
from homeassistant.helpers.update_coordinator import CoordinatorEntity

from .const import DOMAIN
from .coordinator import SensiDevice


async def async_setup_entry(hass, entry, async_add_entities) -> None:
    coordinator = hass.data[DOMAIN][entry.entry_id]
    async_add_entities([SensiThermostat(device) for device in coordinator.get_devices()])


class SensiThermostat(CoordinatorEntity, ClimateEntity):
    def __init__(self, device: SensiDevice) -> None:
        super().__init__(device.coordinator)
        self._device = device

    async def async_set_temperature(self, **kwargs) -> None:
        await self._device.async_set_temp(int(kwargs["temperature"]))
        self.async_write_ha_state()

    async def async_set_hvac_mode(self, hvac_mode) -> None:
        await self._device.async_set_hvac_mode(hvac_mode)
        self.async_write_ha_state()
