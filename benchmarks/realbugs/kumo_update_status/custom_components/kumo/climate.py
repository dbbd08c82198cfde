"""Kumo thermostats.

Reproduction of the shape fixed in https://github.com/dlarrick/hass-kumo/issues/85 (commit
645e347, "Remove redundant blocking call. Fixes #85"): the async update() registered with the
coordinator refreshed every property through _update_property, a sync method that first called
self._pykumo.update_status(); _pykumo is the pykumo device (requests to the unit over HTTP) set by
the base entity of another module from coordinator.get_device(). Home Assistant reported a
blocking putrequest inside the event loop. The fix dropped the call (the coordinator already
refreshes the status in the executor).
"""
import logging

from homeassistant.components.climate import ClimateEntity

from .coordinator import KumoDataUpdateCoordinator
from .entity import CoordinatedKumoEntitty

_LOGGER = logging.getLogger(__name__)


class KumoThermostat(CoordinatedKumoEntitty, ClimateEntity):
    """Representation of a Kumo Thermostat device."""

    _update_properties = [
        "current_humidity",
        "hvac_mode",
        "fan_mode",
        "current_temperature",
    ]

    def __init__(self, coordinator: KumoDataUpdateCoordinator):
        super().__init__(coordinator)
        coordinator.add_update_method(self.update)
        self._name = self._pykumo.get_name()
        self._current_humidity = None
        self._hvac_mode = None
        self._fan_mode = None
        self._current_temperature = None

    async def update(self):
        """Call from HA to trigger a refresh of cached state."""
        for prop in KumoThermostat._update_properties:
            self._update_property(prop)  # bug
            if not self.available:
                # Get out early if it's failing
                break

    def _update_property(self, prop):
        """Call to refresh the value of a property -- may block on I/O."""
        try:
            do_update = getattr(self, f"_update_{prop}")
        except AttributeError:
            _LOGGER.debug("Kumo %s: %s property updater not implemented", self._name, prop)
            return
        success = self._pykumo.update_status()
        if not success:
            return
        do_update()

    def _update_current_humidity(self):
        self._current_humidity = self._pykumo.get_current_humidity()

    def _update_hvac_mode(self):
        self._hvac_mode = self._pykumo.get_mode()

    def _update_fan_mode(self):
        self._fan_mode = self._pykumo.get_fan_speed()

    def _update_current_temperature(self):
        self._current_temperature = self._pykumo.get_current_temperature()
