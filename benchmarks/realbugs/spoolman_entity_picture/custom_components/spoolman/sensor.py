"""Spoolman (3D printer filament manager) spool sensors for Home Assistant.

Reproduction of the shape fixed in https://github.com/Disane87/spoolman-homeassistant/issues/121
(commit 6f54177, "fix: Fix blocking of entity picture generation"): the sensor's entity_picture
property, which Home Assistant reads on the event loop every time it writes the entity's state,
drew a PIL image in the spool's colour and saved it under www/ (os.path.exists, os.makedirs,
Image.save). The fix generated the picture once in the executor during setup.
"""
import logging
import os

from homeassistant.components.sensor import SensorEntity
from homeassistant.const import UnitOfMass
from homeassistant.helpers.update_coordinator import CoordinatorEntity
from PIL import Image

from .const import LOCAL_IMAGE_PATH, PUBLIC_IMAGE_PATH
from .coordinator import SpoolManCoordinator

_LOGGER = logging.getLogger(__name__)


async def async_setup_entry(hass, config_entry, async_add_entities):
    """Spoolman home assistant sensor init."""
    coordinator = SpoolManCoordinator(hass, config_entry)
    await coordinator.async_config_entry_first_refresh()
    if coordinator.data:
        spool_entities = []
        for idx, spool_data in enumerate(coordinator.data):
            spool_entities.append(Spool(hass, coordinator, spool_data, idx, config_entry))
        async_add_entities(spool_entities)


class Spool(CoordinatorEntity, SensorEntity):
    """Representation of a Spoolman Sensor."""

    _attr_native_unit_of_measurement = UnitOfMass.GRAMS

    def __init__(self, hass, coordinator, spool_data, idx, config_entry) -> None:
        super().__init__(coordinator)
        self.hass = hass
        self._spool = spool_data
        self._filament = self._spool["filament"]
        self._attr_name = f"{self._filament['name']} {self._filament.get('material')}"
        self._attr_unique_id = f"{config_entry.entry_id}_spool_{spool_data['id']}"
        self.idx = idx

    def _handle_coordinator_update(self) -> None:
        self._spool = self.coordinator.data[self.idx]
        self.async_write_ha_state()

    @property
    def state(self):
        return round(self._spool.get("remaining_weight", 0), 3)

    @property
    def entity_picture(self):
        """Return the entity picture."""
        filament = self._spool["filament"]
        if filament.get("color_hex") is None:
            _LOGGER.warning("SpoolManCoordinator: Spool with ID '%s' has no color_hex set.", self._spool["id"])
        else:
            color_hex = filament.get("color_hex", "FFFFFF")
            return self.generate_entity_picture(color_hex)

    def generate_entity_picture(self, color_hex):
        """Generate an entity picture with the specified color and save it to the www directory."""
        image = Image.new("RGB", (100, 100), f"#{color_hex}")
        image_name = f"spool_{self._spool['id']}.png"
        image_dir = self.hass.config.path(PUBLIC_IMAGE_PATH)

        if not os.path.exists(image_dir):  # bug
            os.makedirs(image_dir)  # bug

        image_path = os.path.join(image_dir, image_name)
        image.save(image_path)  # bug

        return f"{LOCAL_IMAGE_PATH}/{image_name}"
