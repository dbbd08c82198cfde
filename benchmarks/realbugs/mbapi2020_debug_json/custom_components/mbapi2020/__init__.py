"""Set-up of a Home Assistant integration for connected cars.

Reproduction of the shape fixed in https://github.com/ReneNulschDE/mbapi2020/issues/228 (commit
2c2984a38496d62b92ac81f13faa18731e48b2c4, "Fix blocking calls 1 - Detected blocking call to open
inside the event loop #228"): the async async_setup_entry saves each API answer for debugging with
coordinator.client.write_debug_json_output(...), a plain method of the Client (client.py, held by
the coordinator of coordinator.py) that creates the folder and opens and writes a file when the
debug option is on. The fix ran the calls with hass.async_add_executor_job.
"""
import aiohttp

from homeassistant.config_entries import ConfigEntry
from homeassistant.core import HomeAssistant
from homeassistant.exceptions import ConfigEntryNotReady

from .const import DOMAIN, LOGGER
from .coordinator import MBAPI2020DataUpdateCoordinator


async def async_setup_entry(hass: HomeAssistant, config_entry: ConfigEntry):
    coordinator = MBAPI2020DataUpdateCoordinator(hass, config_entry)
    hass.data.setdefault(DOMAIN, {})[config_entry.entry_id] = coordinator

    try:
        masterdata = await coordinator.client.webapi.get_user_info()
    except aiohttp.ClientError as err:
        raise ConfigEntryNotReady from err
    coordinator.client.write_debug_json_output(masterdata, "md")  # bug

    for car in masterdata.get("assignedVehicles"):
        vin = car.get("vin") or car.get("fin")
        features: dict[str, bool] = {}
        try:
            car_capabilities = await coordinator.client.webapi.get_car_capabilities(vin)
            coordinator.client.write_debug_json_output(car_capabilities, "cai")  # bug
            if car_capabilities and "features" in car_capabilities:
                features.update(car_capabilities["features"])
        except aiohttp.ClientError:
            LOGGER.info("Car Capabilities not available for the car with VIN %s.", vin)

        try:
            capabilities = await coordinator.client.webapi.get_car_capabilities_commands(vin)
            coordinator.client.write_debug_json_output(capabilities, "ca")  # bug
            if capabilities:
                for feature in capabilities.get("commands"):
                    features[feature.get("commandName")] = bool(feature.get("isAvailable"))
        except aiohttp.ClientError:
            LOGGER.info("Command Capabilities not available for the car with VIN %s.", vin)

    await coordinator.async_config_entry_first_refresh()
    return True
