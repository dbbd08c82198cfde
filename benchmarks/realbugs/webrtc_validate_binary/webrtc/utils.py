import logging
import os
import re

_LOGGER = logging.getLogger(__name__)
BINARY_NAME = re.compile(r"^go2rtc-\d+\.\d+\.\d+(\.exe)?$")


async def validate_binary(hass, session, url):
    for name in os.listdir(hass.config.config_dir):  # bug
        if BINARY_NAME.match(name):
            _LOGGER.debug("Remove old binary: %s", name)
            os.remove(hass.config.path(name))  # bug
    response = await session.get(url)
    return await response.read()
