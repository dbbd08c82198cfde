"""Climate platform of the climate_ip integration (reproduction, see controller_yaml.py)."""
import logging

from homeassistant.components.climate import ClimateEntity
from homeassistant.exceptions import PlatformNotReady

from .controller import ClimateController, create_controller

_LOGGER = logging.getLogger(__name__)
CONF_CONTROLLER = "controller"


async def async_setup_platform(hass, config, async_add_entities, discovery_info=None):
    _LOGGER.setLevel(logging.INFO if config.get("debug", False) else logging.ERROR)
    _LOGGER.info("climate_ip: async setup platform")

    try:
        device_controller = create_controller(config.get(CONF_CONTROLLER), config, _LOGGER)
    except Exception as e:
        _LOGGER.error("climate_ip: error while creating controller!")
        _LOGGER.error(e)
        raise

    if device_controller is None:
        return PlatformNotReady

    async_add_entities([ClimateIP(device_controller, config)], True)


class ClimateIP(ClimateEntity):
    def __init__(self, rac: ClimateController, config):
        self.rac = rac
        self._name = config.get("name", "climate_ip")

    @property
    def name(self):
        return self._name

    def update(self):
        self.rac.update_state()
