"""System health and debug page of the Sonoff integration (reproduction, see core/xutils.py)."""
import logging
from logging import Logger

from homeassistant.components import system_health
from homeassistant.components.http import HomeAssistantView
from homeassistant.core import HomeAssistant, callback

from .core.const import DOMAIN
from .core import xutils


@callback
def async_register(hass: HomeAssistant, register: system_health.SystemHealthRegistration) -> None:
    register.async_register_info(system_health_info)


async def system_health_info(hass: HomeAssistant):
    cloud_online = cloud_total = 0
    for registry in hass.data[DOMAIN].values():
        for device in registry.devices.values():
            if "online" in device:
                cloud_total += 1
                if registry.cloud.online and device["online"]:
                    cloud_online += 1

    integration = hass.data["integrations"][DOMAIN]
    info = {
        "version": f"{integration.version} ({xutils.source_hash()})",  # bug
        "cloud_online": f"{cloud_online} / {cloud_total}",
    }
    if DebugView.url:
        info["debug"] = {"type": "failed", "error": "", "more_info": DebugView.url}
    return info


async def setup_debug(hass: HomeAssistant, logger: Logger):
    view = DebugView(logger)
    hass.http.register_view(view)

    integration = hass.data["integrations"][DOMAIN]
    info = {"installation_type": "reproduction"}
    info[DOMAIN + "_version"] = f"{integration.version} ({xutils.source_hash()})"  # bug
    logger.debug(f"SysInfo: {info}")


class DebugView(logging.Handler, HomeAssistantView):
    name = DOMAIN
    requires_auth = False
    url = None

    def __init__(self, logger: Logger):
        super().__init__()
        self.text = []
        logger.addHandler(self)
        DebugView.url = f"/api/{DOMAIN}/debug"

    def handle(self, rec: logging.LogRecord) -> None:
        self.text.append(rec.getMessage())

    async def get(self, request):
        return "\n".join(self.text)
