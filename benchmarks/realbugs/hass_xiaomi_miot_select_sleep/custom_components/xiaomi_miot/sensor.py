"""Sensor entities (reproduction, see select.py)."""
from homeassistant.components.sensor import SensorEntity

from . import MiotEntity


class MiotSensorEntity(MiotEntity, SensorEntity):
    pass


class MiotCookerEntity(MiotSensorEntity):
    def __init__(self, config, miot_service):
        super().__init__(config, miot_service)
        self._prop_state = miot_service.get_property("status")
        self._action_start = miot_service.get_action("start_cook")
        self._action_cancel = miot_service.get_action("cancel_cooking", "pause")

    async def async_update(self):
        await super().async_update()
        if not self._available:
            return
        if self._prop_state:
            add_selects = self._add_entities.get("select")
            pls = self._miot_service.get_properties("mode", "cook_mode", "heat_level", "target_time")
            for p in pls:
                if not (p.writeable or self._action_start):
                    continue
                opt = None
                if p.name in self._subs:
                    self._subs[p.name].update()
                elif not (p.value_list or p.value_range):
                    continue
                elif add_selects:
                    from .select import MiotActionSelectSubEntity, MiotSelectSubEntity

                    if p.writeable:
                        self._subs[p.name] = MiotSelectSubEntity(self, p)
                    elif p.iid in self._action_start.ins:
                        if self._action_cancel:
                            opt = {"extra_actions": {p.get_translation("Off"): self._action_cancel}}
                        self._subs[p.name] = MiotActionSelectSubEntity(self, self._action_start, p, opt)
                    if p.name in self._subs:
                        add_selects([self._subs[p.name]], update_before_add=True)
