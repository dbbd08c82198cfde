"""Viessmann ViCare water heater device (reproduction, see climate.py)."""
import logging

from homeassistant.components.water_heater import WaterHeaterEntity
from homeassistant.config_entries import ConfigEntry
from homeassistant.core import HomeAssistant
from homeassistant.helpers.entity_platform import AddEntitiesCallback
from PyViCare.PyViCareUtils import PyViCareNotSupportedFeatureError

from .const import CONF_HEATING_TYPE, DOMAIN, VICARE_API, VICARE_DEVICE_CONFIG, VICARE_NAME

_LOGGER = logging.getLogger(__name__)


def _build_entity(name, vicare_api, circuit, device_config, heating_type):
    return ViCareWater(name, vicare_api, circuit, device_config, heating_type)


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
                f"{name} Water{suffix}",
                hass.data[DOMAIN][config_entry.entry_id][VICARE_API],
                circuit,
                hass.data[DOMAIN][config_entry.entry_id][VICARE_DEVICE_CONFIG],
                config_entry.data[CONF_HEATING_TYPE],
            )
            if entity is not None:
                entities.append(entity)
    except PyViCareNotSupportedFeatureError:
        _LOGGER.info("No circuits found")
    async_add_entities(entities)


class ViCareWater(WaterHeaterEntity):
    def __init__(self, name, api, circuit, device_config, heating_type):
        self._attr_name = name
        self._api = api
        self._circuit = circuit
        self._device_config = device_config
        self._heating_type = heating_type
