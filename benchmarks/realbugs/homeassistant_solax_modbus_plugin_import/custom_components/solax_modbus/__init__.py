"""The SolaX Modbus Integration.

Reproduction of the shape fixed in https://github.com/wills106/homeassistant-solax-modbus/issues/876
(PR #890, commit 5de2000f11ab1f0e01c5e021f69f678c8ac05018, "Move import to async executor"): the
coroutine async_setup_entry loads the inverter plugin chosen in the options with
importlib.import_module(f".plugin_{plugin_name}", "custom_components.solax_modbus"). The fix moved
the import into a plain _load_plugin helper run with hass.async_add_executor_job.
"""
import importlib
import logging

from homeassistant.config_entries import ConfigEntry
from homeassistant.const import CONF_HOST, CONF_NAME, CONF_PORT, EVENT_HOMEASSISTANT_STARTED
from homeassistant.core import HomeAssistant

from .const import CONF_PLUGIN, DEFAULT_PORT, DOMAIN

_LOGGER = logging.getLogger(__name__)


async def async_setup_entry(hass: HomeAssistant, entry: ConfigEntry):
    """Set up a SolaX modbus."""
    config = entry.options
    plugin_name = config[CONF_PLUGIN]

    if plugin_name.startswith("plugin_"):
        new = {**config}
        plugin_name = plugin_name.split("plugin_", 1)[1][:-3]
        new[CONF_PLUGIN] = plugin_name
        hass.config_entries.async_update_entry(entry, options=new)

    _LOGGER.info(f"trying to load plugin - plugin_name: {plugin_name}")
    plugin = importlib.import_module(  # bug
        f".plugin_{plugin_name}", "custom_components.solax_modbus"
    )
    if not plugin:
        _LOGGER.error(f"could not import plugin with name: {plugin_name}")

    hub = SolaXModbusHub(hass, plugin, entry)
    hass.data.setdefault(DOMAIN, {})[hub._name] = {"hub": hub}

    if hass.is_running:
        await hub.async_init()
    else:
        hass.bus.async_listen_once(EVENT_HOMEASSISTANT_STARTED, hub.async_init)
    return True


class SolaXModbusHub:
    def __init__(self, hass, plugin, entry):
        config = entry.options
        self._hass = hass
        self._name = config[CONF_NAME]
        self._host = config.get(CONF_HOST, None)
        self._port = config.get(CONF_PORT, DEFAULT_PORT)
        self.plugin = plugin.plugin_instance
        self._invertertype = None

    async def async_init(self, *args):
        self._invertertype = await self.plugin.async_determineInverterType(self, {})
