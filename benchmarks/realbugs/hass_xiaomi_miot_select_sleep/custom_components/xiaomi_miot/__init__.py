"""Xiaomi Miot entities (reproduction, see select.py)."""
import logging

from homeassistant.helpers.entity import Entity

_LOGGER = logging.getLogger(__name__)


class BaseEntity(Entity):
    def __init__(self, config: dict):
        self._config = config
        self._available = False
        self._state_attrs = {}
        self._add_entities = config.get("add_entities") or {}
        self._subs = {}


class MiotEntity(BaseEntity):
    def __init__(self, config: dict, miot_service):
        super().__init__(config)
        self._miot_service = miot_service
        self._device = config["device"]

    async def async_update(self):
        results = await self.hass.async_add_executor_job(self._device.get_properties_for_mapping)
        self._available = results is not None
        if results:
            self._state_attrs.update(results)


class BaseSubEntity(BaseEntity):
    def __init__(self, parent, attr, option=None):
        super().__init__({})
        self._parent = parent
        self._attr = attr
        self._option = option or {}

    def update(self, data=None):
        self._available = self._parent._available
        self._state_attrs = dict(self._parent._state_attrs)

    def update_attrs(self, attrs: dict, update_parent=True):
        self._state_attrs.update(attrs or {})


class MiotPropertySubEntity(BaseSubEntity):
    def __init__(self, parent, miot_property, option=None):
        super().__init__(parent, miot_property.full_name, option)
        self._miot_property = miot_property
