"""Switch Manager integration (reproduction, see helpers.py)."""
from homeassistant.core import HomeAssistant

from .const import CONF_BLUEPRINTS, CONF_STORE, DOMAIN, LOGGER
from .helpers import VERSION, check_blueprints_folder_exists, deploy_blueprints, load_blueprints


async def async_setup(hass: HomeAssistant, config):
    await async_migrate(hass, in_dev=False)
    await _init_blueprints(hass)
    return True


async def async_migrate(hass, in_dev):
    store = hass.data[DOMAIN][CONF_STORE]
    version_update = not store.compare_version(VERSION)
    if in_dev or version_update or not await check_blueprints_folder_exists(hass):
        LOGGER.debug("Migrating blueprints")
        await deploy_blueprints(hass)
        if version_update:
            await store.update_version(VERSION)


async def _init_blueprints(hass: HomeAssistant):
    blueprints = hass.data[DOMAIN][CONF_BLUEPRINTS] = {}
    for config in load_blueprints(hass):
        data = config.get("data")
        if not data or not data.get("buttons"):
            LOGGER.error(f"{DOMAIN} {CONF_BLUEPRINTS}({config.get('id')}) has no buttons")
            continue
        blueprints[config.get("id")] = data
