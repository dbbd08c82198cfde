"""ZHA Toolkit: services registered at setup.

Reproduction of the shape reported in https://github.com/mdeweerd/zha-toolkit/issues/238 (and
#241; fixed in commits 47d3f27 / e66736f): async_setup called register_services, a plain function
that registers an async service handler (which compares u.getVersion() on every call) and ends by reading the integration's version with u.getVersion(), which opens manifest.json.
Home Assistant reported the blocking open inside the event loop. The fix moved the work to the
executor.
"""

import logging

from . import utils as u

LOGGER = logging.getLogger(__name__)
DOMAIN = "zha_toolkit"

LOADED_VERSION = ""


async def async_setup(hass, config):
    if config.get(DOMAIN) is None:
        return True

    LOGGER.debug("Setup services from async_setup")
    register_services(hass)  # bug

    return True


def register_services(hass):
    global LOADED_VERSION

    async def toolkit_service(service):
        if u.getVersion() != LOADED_VERSION:  # bug
            LOGGER.debug("Reload services because VERSION changed")
        LOGGER.debug("Service %s called", service.service)

    for name in ("execute", "scan_device", "zcl_cmd"):
        hass.services.async_register(DOMAIN, name, toolkit_service)

    LOADED_VERSION = u.getVersion()
