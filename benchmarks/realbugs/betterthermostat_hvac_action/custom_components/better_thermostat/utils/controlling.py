"""The control loop of Better Thermostat.

Reproduction of the shape reported in https://github.com/KartoffelToby/better_thermostat/pull/1109
(RuntimeWarning: coroutine 'update_hvac_action' was never awaited, at utils/controlling.py:85;
closed as fixed by https://github.com/KartoffelToby/better_thermostat/pull/1059): control_trv,
an async function of this module taking the climate entity as `self`, called update_hvac_action(self)
as a statement; update_hvac_action is an async function of events/trv.py (relative from-import). The
fix added the await.
"""
import asyncio
import logging

from .bridge import (
    set_temperature,
    set_hvac_mode,
)
from ..events.trv import convert_outbound_states, update_hvac_action
from homeassistant.components.climate.const import HVACMode

from .helpers import convert_to_float

_LOGGER = logging.getLogger(__name__)


async def control_queue(self):
    """The accutal control loop.
            Parameters
    ----------
    self :
            instance of better_thermostat

    Returns
    -------
    None
    """
    while True:
        if self.ignore_states or self.startup_running:
            await asyncio.sleep(1)
            continue
        else:
            controls_to_process = await self.control_queue_task.get()
            if controls_to_process is not None:
                self.ignore_states = True
                result = True
                for trv in self.real_trvs.keys():
                    try:
                        _temp = await control_trv(self, trv)
                        if _temp is False:
                            result = False
                    except Exception:
                        _LOGGER.exception(
                            "better_thermostat %s: ERROR controlling: %s",
                            self.name,
                            trv,
                        )
                        result = False

                # Retry task if some TRVs failed. Discard the task if the queue is full
                # to avoid blocking and therefore deadlocking this function.
                if result is False:
                    try:
                        self.control_queue_task.put_nowait(self)
                    except asyncio.QueueFull:
                        _LOGGER.debug(
                            "better_thermostat %s: control queue is full, discarding task"
                        )

                self.control_queue_task.task_done()
                self.ignore_states = False


async def control_trv(self, heater_entity_id=None):
    """This is the main controller for the real TRV

    Parameters
    ----------
    self :
            instance of better_thermostat

    Returns
    -------
    None
    """
    async with self._temp_lock:
        self.real_trvs[heater_entity_id]["ignore_trv_states"] = True
        update_hvac_action(self)  # bug
        await self.calculate_heating_power()
        _trv = self.hass.states.get(heater_entity_id)
        _current_set_temperature = convert_to_float(
            str(_trv.attributes.get("temperature", None)), self.name, "controlling()"
        )

        _remapped_states = convert_outbound_states(
            self, heater_entity_id, self.bt_hvac_mode
        )
        if not isinstance(_remapped_states, dict):
            _LOGGER.debug(
                f"better_thermostat {self.name}: ERROR {heater_entity_id} {_remapped_states}"
            )
            await asyncio.sleep(10)
            self.ignore_states = False
            self.real_trvs[heater_entity_id]["ignore_trv_states"] = False
            return False

        _temperature = _remapped_states.get("temperature", None)
        _new_hvac_mode = _remapped_states.get("system_mode", None)

        # if we don't need ot heat, we force HVACMode to be off
        if self.call_for_heat is False:
            _new_hvac_mode = HVACMode.OFF

        if _new_hvac_mode is not None:
            await set_hvac_mode(self, heater_entity_id, _new_hvac_mode)

        if _temperature is not None and _temperature != _current_set_temperature:
            await set_temperature(self, heater_entity_id, _temperature)

        await asyncio.sleep(3)
        self.real_trvs[heater_entity_id]["ignore_trv_states"] = False
        return True
