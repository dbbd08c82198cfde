"""Viessmann ViCare climate device.

Reproduction of the shape fixed in https://github.com/oischinger/ha_vicare/issues/81 (PR #82,
commit 8d09937cbbc64e8a8607343c232b263c8068c4dc, "Fix I/O in event loop"): the platforms'
coroutines async_setup_entry (climate.py, water_heater.py) read
`hass.data[DOMAIN][entry_id][VICARE_API].circuits`, a property of PyViCare's device object
(built in __init__.py's setup_vicare_api with getattr(device, "asGazBoiler")()) that queries the
Viessmann API synchronously. The fix read it once with hass.async_add_executor_job; the changed
lines of both platforms are marked. PyViCare/ is a stand-in for the package.
"""
import logging

from homeassistant.components.climate import ClimateEntity
from homeassistant.config_entries import ConfigEntry
from homeassistant.core import HomeAssistant
from homeassistant.helpers.entity_platform import AddEntitiesCallback
from PyViCare.PyViCareUtils import PyViCareNotSupportedFeatureError

from .const import CONF_HEATING_TYPE, DOMAIN, VICARE_API, VICARE_DEVICE_CONFIG, VICARE_NAME

_LOGGER = logging.getLogger(__name__)


def _build_entity(name, vicare_api, circuit, device_config, heating_type):
    _LOGGER.debug("Found device %s", name)
    return ViCareClimate(name, vicare_api, device_config, circuit, heating_type)


async def async_setup_entry(
    hass: HomeAssistant,
    config_entry: ConfigEntry,
    async_add_entities: AddEntitiesCallback,
) -> None:
    name = VICARE_NAME
    entities = []
    try:
        for circuit in hass.data[DOMAIN][config_entry.entry_id][VICARE_API].circuits:  # bug
            suffix = ""
            if len(hass.data[DOMAIN][config_entry.entry_id][VICARE_API].circuits) > 1:  # bug
                suffix = f" {circuit.id}"
            entity = _build_entity(
                f"{name} Heating{suffix}",
                hass.data[DOMAIN][config_entry.entry_id][VICARE_API],
                hass.data[DOMAIN][config_entry.entry_id][VICARE_DEVICE_CONFIG],
                circuit,
                config_entry.data[CONF_HEATING_TYPE],
            )
            if entity is not None:
                entities.append(entity)
    except PyViCareNotSupportedFeatureError:
        _LOGGER.info("No circuits found")
    async_add_entities(entities)


class ViCareClimate(ClimateEntity):
    def __init__(self, name, api, device_config, circuit, heating_type):
        self._attr_name = name
        self._api = api
        self._device_config = device_config
        self._circuit = circuit
        self._heating_type = heating_type
