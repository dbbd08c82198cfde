"""Base classes of the Zendure Home Assistant integration's devices and entities.

Reproduction of the shape fixed in https://github.com/Zendure/Zendure-HA/commit/fd50800 ("Avoid
blocking file read when checking entities"), reported as
https://github.com/Zendure/Zendure-HA/issues/1474 ("Detected blocking call to read_text"): every
EntityDevice.__init__ whose device is already registered calls self.check_entities(...), which on
first use reads translations/en.json with Path.read_text(). Devices are built on the event loop:
ZendureManager.__init__ (manager.py) in async_setup_entry, and the async loadDevices through the
class table Api.createdevice (api.py) -> Hub1200 / Hyper2000 (devices/) -> ZendureLegacy ->
ZendureDevice (device.py) -> EntityDevice.__init__. The fix stopped reading the file.
"""
from __future__ import annotations

import json
import logging
from pathlib import Path

from homeassistant.core import HomeAssistant
from homeassistant.helpers import device_registry as dr
from homeassistant.helpers import entity_registry as er
from homeassistant.helpers.device_registry import DeviceEntry, DeviceInfo
from homeassistant.helpers.entity import Entity

from .const import DOMAIN

_LOGGER = logging.getLogger(__name__)


class EntityZendure(Entity):
    def __init__(self, device: EntityDevice | None, uniqueid: str, domain: str = "") -> None:
        self.device = device
        self._attr_unique_id = uniqueid
        self._attr_translation_key = uniqueid.lower()
        if device is not None:
            device.entities[uniqueid] = self


class EntityDevice:
    checkEntity: dict[str, str] | None = None

    def __init__(self, hass: HomeAssistant, deviceId: str, name: str, model: str = "",
                 model_id: str = "", sn: str = "", parent: str | None = None) -> None:
        self.hass = hass
        self.deviceId = deviceId
        self.name = name or deviceId
        self.entities: dict[str, EntityZendure] = {}
        self.attr_device_info = DeviceInfo(identifiers={(DOMAIN, deviceId)} | {(DOMAIN, sn)},
                                           name=self.name, manufacturer="Zendure", model=model)
        device_registry = dr.async_get(self.hass)
        if di := device_registry.async_get_device(identifiers={(DOMAIN, sn)}):
            self.attr_device_info["connections"] = di.connections
            self.check_entities(di, self.name.lower())
        if parent is not None:
            self.attr_device_info["via_device"] = (DOMAIN, parent)

    def check_entities(self, di: DeviceEntry, name: str) -> None:
        if EntityDevice.checkEntity is None:
            _t = json.loads((Path(__file__).parent / "translations" / "en.json").read_text())  # bug
            EntityDevice.checkEntity = {key: domain for domain, keys in _t.get("entity", {}).items() for key in keys}
        entity_registry = er.async_get(self.hass)
        for entity in er.async_entries_for_device(entity_registry, di.id, True):
            if entity.platform == DOMAIN and self.checkEntity.get(entity.translation_key) == entity.domain:
                entityid = f"{entity.domain}.{name}_{entity.translation_key}"
                if entity.entity_id != entityid:
                    _LOGGER.info("Migrating entity %s -> %s", entity.entity_id, entityid)
                    entity_registry.async_update_entity(entity.entity_id, new_entity_id=entityid)
