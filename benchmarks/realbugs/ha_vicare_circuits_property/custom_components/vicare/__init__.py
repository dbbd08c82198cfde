"""The ViCare integration (reproduction, see climate.py)."""
from homeassistant.config_entries import ConfigEntry
from homeassistant.core import HomeAssistant
from PyViCare.PyViCareDevice import DeviceConfig
from PyViCare.PyViCareService import ViCareService

from .const import CONF_HEATING_TYPE, DOMAIN, HEATING_TYPE_TO_CREATOR_METHOD, VICARE_API, VICARE_DEVICE_CONFIG


async def async_setup_entry(hass: HomeAssistant, entry: ConfigEntry) -> bool:
    hass.data[DOMAIN] = {}
    hass.data[DOMAIN][entry.entry_id] = {}
    await hass.async_add_executor_job(setup_vicare_api, hass, entry)
    await hass.config_entries.async_forward_entry_setups(entry, ["climate", "water_heater"])
    return True


def setup_vicare_api(hass, entry):
    service = ViCareService(entry.data["token"], entry.data["installation"], entry.data["gateway"], "0")
    device = DeviceConfig(service, entry.data.get("model", ""))
    hass.data[DOMAIN][entry.entry_id][VICARE_DEVICE_CONFIG] = device
    hass.data[DOMAIN][entry.entry_id][VICARE_API] = getattr(
        device,
        HEATING_TYPE_TO_CREATOR_METHOD[entry.data[CONF_HEATING_TYPE]],
    )()
