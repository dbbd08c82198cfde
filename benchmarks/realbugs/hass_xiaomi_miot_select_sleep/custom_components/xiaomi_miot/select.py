"""Select entities.

Reproduction of the shape fixed in https://github.com/al-one/hass-xiaomi-miot/issues/422 (commit
2156a2043379c75d6315b9aed33ded261cb04cbc, "remove sleep for select (#422)"): the coroutine
MiotCookerEntity.async_update (sensor.py) keeps its select sub-entities in self._subs (a dict filled
in the same coroutine with MiotActionSelectSubEntity(...), imported from this module) and refreshes
them with self._subs[p.name].update(); the plain update() of MiotActionSelectSubEntity waits with
time.sleep(0.2). The fix removed the sleep.
"""
import time

from homeassistant.components.select import SelectEntity

from . import MiotPropertySubEntity


class MiotSelectSubEntity(SelectEntity, MiotPropertySubEntity):
    def __init__(self, parent, miot_property, option=None):
        MiotPropertySubEntity.__init__(self, parent, miot_property, option)
        self._attr_options = miot_property.list_descriptions()

    def update(self, data=None):
        super().update(data)
        if not self._available:
            return
        val = self._miot_property.from_dict(self._state_attrs)
        if val is None:
            self._attr_current_option = None
        else:
            self._attr_current_option = str(self._miot_property.list_description(val))


class MiotActionSelectSubEntity(MiotSelectSubEntity):
    def __init__(self, parent, miot_action, miot_property, option=None):
        super().__init__(parent, miot_property, option)
        self._miot_action = miot_action
        self._attr_current_option = None
        self._extra_actions = self._option.get("extra_actions") or {}
        if self._extra_actions:
            self._attr_options.extend(self._extra_actions.keys())
        self.update_attrs({"miot_action": miot_action.full_name}, update_parent=False)

    def update(self, data=None):
        self._available = True
        time.sleep(0.2)  # bug
        self._attr_current_option = None
