"""Asterisk integration: connects to the manager interface and lists the endpoints.

Reproduction of the shape reported in
https://github.com/TECH7Fox/asterisk-hass-integration/issues/48 (the maintainer removed the call):
Home Assistant detected `sleep(5)` (imported with `from time import sleep`) of __init__.py inside the
event loop; async_setup_entry waited for the endpoint events of the manager's thread before
forwarding the sensor platform.
"""
import logging
from time import sleep

import asterisk.manager

from homeassistant.const import CONF_HOST, CONF_PASSWORD, CONF_PORT, CONF_USERNAME

from .const import DOMAIN

_LOGGER = logging.getLogger(__name__)


def handle_asterisk_event(event, manager, hass, entry):
    device = {"extension": event.get_header("ObjectName"), "status": event.get_header("Status")}
    hass.data[DOMAIN][entry.entry_id]["devices"].append(device)


async def async_setup_entry(hass, entry):
    """Set up the manager connection."""
    manager = asterisk.manager.Manager()
    try:
        manager.connect(entry.data[CONF_HOST], entry.data[CONF_PORT])
        manager.login(entry.data[CONF_USERNAME], entry.data[CONF_PASSWORD])
        hass.data.setdefault(DOMAIN, {})[entry.entry_id] = {"devices": [], "manager": manager}
        manager.register_event(
            "PeerEntry",
            lambda event, manager=manager, hass=hass, entry=entry: handle_asterisk_event(
                event, manager, hass, entry
            ),
        )
        manager.sippeers()
        manager.send_action({"Action": "PJSIPShowEndpoints"})

        sleep(5)  # bug

        hass.async_create_task(hass.config_entries.async_forward_entry_setup(entry, "sensor"))
        return True
    except asterisk.manager.ManagerException as exception:
        _LOGGER.error("Error connecting to Asterisk: %s", exception.args[1])
        return False
