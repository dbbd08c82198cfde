"""Helper functions for Fronius Wattpilot."""

from __future__ import annotations
from typing import Final
import logging
import asyncio

from .const import (
    DOMAIN,
)

_LOGGER: Final = logging.getLogger(__name__)


async def async_GetChargerProp(charger, identifier: str, default=None):
    """Async: return the value of a charger attribute"""
    try:
        if not hasattr(charger, 'allProps'):
            _LOGGER.error("%s - async_GetChargerProp: Charger does not have allProps attribute: %s", DOMAIN, charger)
            return default
        if identifier is None or not identifier in charger.allProps:
            _LOGGER.error("%s - async_GetChargerProp: Charger does not have property: %s", DOMAIN, identifier)
            return default
        await asyncio.sleep(0)
        return charger.allProps[identifier]
    except Exception as e:
        _LOGGER.error("%s - async_GetChargerProp: Could not get property %s: %s (%s.%s)", DOMAIN, identifier, str(e), e.__class__.__module__, type(e).__name__)
        return default


def GetChargerProp(charger, identifier: str = None, default: str = None):
    """return the value of a charger attribute"""
    try:
        if not hasattr(charger, 'allProps'):
            _LOGGER.error("%s - GetChargerProp: Charger does not have allProps attribute: %s", DOMAIN, charger)
            return default
        if identifier is None or not identifier in charger.allProps:
            _LOGGER.error("%s - GetChargerProp: Charger does not have property: %s", DOMAIN, identifier)
            return default
        return charger.allProps[identifier]
    except Exception as e:
        _LOGGER.error("%s - GetChargerProp: Could not get property %s: %s (%s.%s)", DOMAIN, identifier, str(e), e.__class__.__module__, type(e).__name__)
        return default
