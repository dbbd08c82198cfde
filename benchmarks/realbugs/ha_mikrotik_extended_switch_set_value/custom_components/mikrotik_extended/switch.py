"""Support for the MikroTik Extended switches.

Reproduction of the shape fixed in https://github.com/Csontikka/ha-mikrotik-extended (commit
1b3003c, "Run switch commands in the executor instead of the event loop", after the review of
https://github.com/hacs/default/pull/8500 pointed at it): the switches' async_turn_on /
async_turn_off call self.coordinator.set_value(...) (or .execute(...)), plain methods of
MikrotikCoordinator (coordinator.py; the entity's coordinator through CoordinatorEntity, entity.py)
that call MikrotikAPI.set_value / execute (mikrotikapi.py): a threading lock and synchronous
librouteros socket I/O. The fix wrapped each call in hass.async_add_executor_job; the changed lines
of MikrotikSwitch and MikrotikKidcontrolPauseSwitch are marked (the same change in the port, NAT,
mangle, filter, queue and other switches is left out of the reproduction).
"""
from __future__ import annotations

from logging import getLogger
from typing import Any

from homeassistant.components.switch import SwitchEntity
from homeassistant.helpers.restore_state import RestoreEntity

from .entity import MikrotikEntity

_LOGGER = getLogger(__name__)

LOG_WRITE_ACCESS_BLOCKED = "Mikrotik %s switch operation blocked: user lacks write access"


class MikrotikSwitch(MikrotikEntity, SwitchEntity, RestoreEntity):
    @property
    def is_on(self) -> bool:
        return self._data[self.entity_description.data_attribute]

    async def async_turn_on(self) -> None:
        if "write" not in self.coordinator.data["access"]:
            _LOGGER.warning(LOG_WRITE_ACCESS_BLOCKED, self.coordinator.host)
            return
        path = self.entity_description.data_switch_path
        param = self.entity_description.data_reference
        value = self._data[self.entity_description.data_reference]
        mod_param = self.entity_description.data_switch_parameter
        self.coordinator.set_value(path, param, value, mod_param, False)  # bug
        await self.coordinator.async_refresh()

    async def async_turn_off(self) -> None:
        if "write" not in self.coordinator.data["access"]:
            _LOGGER.warning(LOG_WRITE_ACCESS_BLOCKED, self.coordinator.host)
            return
        path = self.entity_description.data_switch_path
        param = self.entity_description.data_reference
        value = self._data[self.entity_description.data_reference]
        mod_param = self.entity_description.data_switch_parameter
        self.coordinator.set_value(path, param, value, mod_param, True)  # bug
        await self.coordinator.async_refresh()


class MikrotikKidcontrolPauseSwitch(MikrotikSwitch):
    async def async_turn_on(self) -> None:
        if "write" not in self.coordinator.data["access"]:
            return
        path = self.entity_description.data_switch_path
        param = self.entity_description.data_reference
        value = self._data[self.entity_description.data_reference]
        self.coordinator.execute(path, "resume", param, value)  # bug
        await self.coordinator.async_refresh()

    async def async_turn_off(self) -> None:
        if "write" not in self.coordinator.data["access"]:
            return
        path = self.entity_description.data_switch_path
        param = self.entity_description.data_reference
        value = self._data[self.entity_description.data_reference]
        self.coordinator.execute(path, "pause", param, value)  # bug
        await self.coordinator.async_refresh()
