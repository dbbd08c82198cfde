import logging
from typing import Union

from homeassistant.components.climate.const import (
    HVACMode,
    ATTR_HVAC_ACTION,
    HVACAction,
)
from homeassistant.components.group.util import find_state_attributes
from ..utils.helpers import (
    mode_remap,
)

_LOGGER = logging.getLogger(__name__)


async def update_hvac_action(self):
    """Update the hvac action."""
    if self.startup_running or self.control_queue_task is None:
        return

    hvac_action = None

    # return the most common action if it is not off
    states = [
        state
        for entity_id in self.real_trvs
        if (state := self.hass.states.get(entity_id)) is not None
    ]

    hvac_actions = list(find_state_attributes(states, ATTR_HVAC_ACTION))

    if not hvac_actions:
        self.attr_hvac_action = None
    # return action off if all are off
    elif all(a == HVACAction.OFF for a in hvac_actions):
        hvac_action = HVACAction.OFF
    # else check if is heating
    elif (
        self.bt_target_temp > self.cur_temp + self.tolerance
        and self.window_open is False
    ):
        hvac_action = HVACAction.HEATING
    else:
        hvac_action = HVACAction.IDLE

    if self.hvac_action != hvac_action:
        self.attr_hvac_action = hvac_action
        await self.async_update_ha_state(force_refresh=True)


def convert_outbound_states(self, entity_id, hvac_mode) -> Union[dict, None]:
    """Creates the new outbound thermostat state."""
    _new_heating_setpoint = self.bt_target_temp
    _system_modes = self.real_trvs[entity_id]["hvac_modes"]
    if _system_modes is None or hvac_mode not in _system_modes:
        return None
    return {
        "temperature": _new_heating_setpoint,
        "system_mode": mode_remap(self, entity_id, str(hvac_mode), False),
    }
