"""Base entities for the Fronius Wattpilot integration.

Reproduction of the shape reported in https://github.com/mk-maddin/wattpilot-HA/issues/2
(RuntimeWarning: coroutine 'async_GetChargerProp' was never awaited) and fixed in commit
https://github.com/mk-maddin/wattpilot-HA/commit/b271cc524f282cb6679c4165c1a5b5e6a7a68718: the
sync `available` property of the base entity compared async_GetChargerProp(...) (an async helper
of utils.py, relative from-import) with None: a coroutine is never None, so the check never
failed, and the coroutine was never awaited. The fix called the sync GetChargerProp instead.
"""

from __future__ import annotations
from typing import Final
import logging

from homeassistant.core import HomeAssistant
from homeassistant.config_entries import ConfigEntry
from homeassistant.helpers.entity import Entity
from homeassistant.helpers.entity import EntityCategory
from homeassistant.const import (
    CONF_FRIENDLY_NAME,
    CONF_IP_ADDRESS,
    STATE_UNKNOWN,
)

from .const import (
    DEFAULT_NAME,
)
from .utils import (
    async_GetChargerProp,
    GetChargerProp,
)

_LOGGER: Final = logging.getLogger(__name__)


class ChargerPlatformEntity(Entity):
    """Base class for Fronius Wattpilot integration."""

    def __init__(self, hass: HomeAssistant, entry: ConfigEntry, entity_cfg, charger) -> None:
        """Initialize the object."""
        try:
            self._charger_id = str(entry.data.get(CONF_FRIENDLY_NAME, entry.data.get(CONF_IP_ADDRESS, DEFAULT_NAME)))
            self._identifier = str(entity_cfg.get('id'))
            self._charger = charger
            self._source = entity_cfg.get('source', 'property')
            if self._source == 'attribute' and not hasattr(self._charger, self._identifier):
                _LOGGER.error("%s - %s: __init__: Charger does not have an attribute: %s", self._charger_id, self._identifier, self._identifier)
                return None
            elif self._source == 'property' and GetChargerProp(self._charger, self._identifier) is None:
                _LOGGER.error("%s - %s: __init__: Charger does not have a property: %s", self._charger_id, self._identifier, self._identifier)
                return None
            self._entity_cfg = entity_cfg
            self._entry = entry
            self.hass = hass
            self._name = self._charger_id + ' ' + self._entity_cfg.get('name', self._entity_cfg.get('id'))
            self._entity_category = self._entity_cfg.get('entity_category', None)
            self._attributes = {}
            self._state = STATE_UNKNOWN
            self.uniqueid = self._charger_id + "-" + self._entity_cfg.get('uid', self._identifier)
        except Exception as e:
            _LOGGER.error("%s - %s: __init__ failed: %s (%s.%s)", self._charger_id, self._identifier, str(e), e.__class__.__module__, type(e).__name__)
            return None

    @property
    def name(self) -> str | None:
        """Return the name of the entity."""
        return self._name

    @property
    def entity_category(self) -> EntityCategory | None:
        """Return the entity_category of the entity."""
        if not self._entity_category is None:
            return EntityCategory(self._entity_category)
        return None

    @property
    def state(self) -> str | None:
        """Return the current state of the entity."""
        return self._state

    @property
    def unique_id(self) -> str | None:
        """Return the unique identifier for this entity."""
        return self.uniqueid

    @property
    def available(self) -> bool:
        """Return if device is available."""
        if not getattr(self._charger, 'connected', True):
            _LOGGER.debug("%s - %s: available: false because charger disconnected", self._charger_id, self._identifier)
            return False
        elif not getattr(self._charger, 'allPropsInitialized', True):
            _LOGGER.debug("%s - %s: available: false because not all properties initialized", self._charger_id, self._identifier)
            return False
        elif self._source == 'attribute' and not hasattr(self._charger, self._identifier):
            _LOGGER.debug("%s - %s: available: false because unknown attribute", self._charger_id, self._identifier)
            return False
        elif self._source == 'property' and async_GetChargerProp(self._charger, self._identifier) is None:  # bug
            _LOGGER.debug("%s - %s: available: false because unknown property", self._charger_id, self._identifier)
            return False
        else:
            return True

    async def async_update(self) -> None:
        """Async: Get latest data and states for the entity."""
        try:
            if not self.enabled:
                return
            if self._source == 'attribute':
                state = getattr(self._charger, self._identifier, STATE_UNKNOWN)
            else:
                state = await async_GetChargerProp(self._charger, self._identifier, STATE_UNKNOWN)
            self._state = state
        except Exception as e:
            _LOGGER.error("%s - %s: update failed: %s (%s.%s)", self._charger_id, self._identifier, str(e), e.__class__.__module__, type(e).__name__)
