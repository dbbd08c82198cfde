"""Coordinators (reproduction, see switch.py)."""
from __future__ import annotations

import logging
from datetime import timedelta

from homeassistant.config_entries import ConfigEntry
from homeassistant.const import CONF_HOST, CONF_PASSWORD, CONF_PORT, CONF_SSL, CONF_USERNAME, CONF_VERIFY_SSL
from homeassistant.core import HomeAssistant
from homeassistant.helpers.update_coordinator import DataUpdateCoordinator

from .const import DOMAIN
from .mikrotikapi import MikrotikAPI

_LOGGER = logging.getLogger(__name__)


class MikrotikTrackerCoordinator(DataUpdateCoordinator[None]):
    def __init__(self, hass: HomeAssistant, config_entry: ConfigEntry, coordinator: MikrotikCoordinator):
        super().__init__(hass, _LOGGER, name=f"{DOMAIN}-tracker", update_interval=timedelta(seconds=10))
        self.coordinator = coordinator


class MikrotikCoordinator(DataUpdateCoordinator[None]):
    def __init__(self, hass: HomeAssistant, config_entry: ConfigEntry):
        self.hass = hass
        self.config_entry: ConfigEntry = config_entry
        super().__init__(self.hass, _LOGGER, name=DOMAIN, update_interval=timedelta(seconds=30))
        self.host = config_entry.data[CONF_HOST]
        self.api = MikrotikAPI(
            config_entry.data[CONF_HOST],
            config_entry.data[CONF_USERNAME],
            config_entry.data[CONF_PASSWORD],
            config_entry.data[CONF_PORT],
            config_entry.data[CONF_SSL],
            config_entry.data[CONF_VERIFY_SSL],
        )

    def set_value(self, path, param, value, mod_param, mod_value):
        """Change value using Mikrotik API"""
        return self.api.set_value(path, param, value, mod_param, mod_value)

    def execute(self, path, command, param, value, attributes=None):
        """Execute command using Mikrotik API"""
        return self.api.execute(path, command, param, value, attributes)
