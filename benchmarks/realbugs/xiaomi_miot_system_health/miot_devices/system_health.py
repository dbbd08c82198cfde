"""System health page of a device-cloud integration.

Reproduction of the shape fixed in
https://github.com/al-one/hass-xiaomi-miot/commit/464030438b95f08a5e5b300b90a8244e91634df2
(report: https://github.com/al-one/hass-xiaomi-miot/issues/1694): the info coroutine read the
integration's version through a helper of another module that opens manifest.json, on the loop.
"""

from homeassistant.components import system_health
from homeassistant.core import HomeAssistant, callback

from .core.cloud import MiotCloud
from .core.utils import read_manifest


@callback
def async_register(hass: HomeAssistant, register: system_health.SystemHealthRegistration) -> None:
    register.async_register_info(system_health_info, "/config/integrations")


async def system_health_info(hass):
    accounts = {}
    devices = {}
    for cloud in MiotCloud.all_clouds(hass):
        accounts[cloud.user_id] = cloud
        devices.update(await cloud.async_devices() or {})
    return {
        "component_version": read_manifest("version", "unknown"),  # bug
        "can_reach_server": system_health.async_check_can_reach_url(hass, "https://api.io.mi.com"),
        "logged_accounts": len(accounts),
        "total_devices": len(devices),
    }
