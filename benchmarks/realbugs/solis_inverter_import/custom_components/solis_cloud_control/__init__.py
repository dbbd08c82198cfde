import logging

from homeassistant.config_entries import ConfigEntry
from homeassistant.const import CONF_API_KEY, CONF_API_TOKEN, Platform
from homeassistant.core import HomeAssistant
from homeassistant.helpers import aiohttp_client
from homeassistant.helpers import device_registry as dr

from custom_components.solis_cloud_control.api.solis_api import SolisCloudControlApiClient
from custom_components.solis_cloud_control.const import API_BASE_URL, CONF_INVERTER_SN
from custom_components.solis_cloud_control.inverters.inverter_factory import create_inverter, create_inverter_info

_LOGGER = logging.getLogger(__name__)

_PLATFORMS: list[Platform] = [Platform.SELECT, Platform.TEXT, Platform.NUMBER, Platform.SWITCH, Platform.SENSOR]


async def async_setup_entry(hass: HomeAssistant, config_entry: ConfigEntry) -> bool:
    api_key = config_entry.data[CONF_API_KEY]
    api_token = config_entry.data[CONF_API_TOKEN]
    inverter_sn = config_entry.data[CONF_INVERTER_SN]

    # create api client
    api_client = _create_api_client(hass, api_key, api_token)

    # create inverter
    inverter_info = await create_inverter_info(api_client, inverter_sn)
    inverter = await create_inverter(api_client, inverter_info)

    # register the inverter in the device registry
    device_registry = dr.async_get(hass)
    device_registry.async_get_or_create(
        config_entry_id=config_entry.entry_id,
        identifiers={(config_entry.domain, inverter_sn)},
        manufacturer="Solis",
        name=f"Inverter Control {inverter_sn}",
        serial_number=inverter_sn,
        model_id=inverter_info.model or "Unknown",
        model=inverter_info.machine or "Unknown",
        sw_version=inverter_info.version or "Unknown",
    )

    config_entry.runtime_data = inverter

    # setup platforms, call async_setup for each entity
    await hass.config_entries.async_forward_entry_setups(config_entry, _PLATFORMS)

    return True


async def async_unload_entry(hass: HomeAssistant, config_entry: ConfigEntry) -> bool:
    return await hass.config_entries.async_unload_platforms(config_entry, _PLATFORMS)


def _create_api_client(hass: HomeAssistant, api_key: str, api_token: str) -> SolisCloudControlApiClient:
    session = aiohttp_client.async_get_clientsession(hass)
    return SolisCloudControlApiClient(API_BASE_URL, api_key, api_token, session)
