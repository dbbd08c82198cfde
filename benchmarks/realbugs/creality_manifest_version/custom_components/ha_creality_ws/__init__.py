"""Set-up of a Home Assistant integration for Creality 3D printers over websocket.

Reproduction of the shape reported in https://github.com/3dg1luk43/ha_creality_ws/pull/17
("Blocking call fix": Home Assistant's "Detected blocking call to open" for manifest.json) and
fixed on main in commit c6ee64c ("enhance integration with async version detection"): the plain
helper _get_integration_version() opens and parses the integration's manifest.json; the async
async_setup_entry calls it to compare the version with the cached one, and the diagnostics
service coroutine calls it to build its report. The fix made the helper async and read the file
in the executor.
"""
from __future__ import annotations

import json
import logging
import os
from datetime import datetime

from homeassistant.config_entries import ConfigEntry
from homeassistant.core import HomeAssistant, ServiceCall
from homeassistant.exceptions import ConfigEntryNotReady

from .const import CONF_POWER_SWITCH, DOMAIN
from .coordinator import KCoordinator

_LOGGER = logging.getLogger(__name__)


def _get_integration_version() -> str:
    """Get current integration version from manifest.json"""
    try:
        manifest_path = os.path.join(os.path.dirname(__file__), "manifest.json")
        with open(manifest_path, "r") as f:
            manifest = json.load(f)
            return manifest.get("version", "0.0.0")
    except Exception:
        return "0.0.0"


async def async_setup_entry(hass: HomeAssistant, entry: ConfigEntry) -> bool:
    """Set up the Creality integration from a config entry."""
    coord = KCoordinator(hass, host=entry.data["host"], power_switch=entry.options.get(CONF_POWER_SWITCH))
    try:
        await coord.async_start()
        if not coord.power_is_off():
            ok = await coord.wait_first_connect(timeout=8.0)
            if not ok:
                _LOGGER.warning("Initial connect not confirmed; will retry in background")
    except Exception as exc:
        await coord.async_stop()
        raise ConfigEntryNotReady(str(exc)) from exc

    current_version = _get_integration_version()  # bug
    cached_version = entry.data.get("_cached_version", "0.0.0")
    if current_version != cached_version:
        hass.config_entries.async_update_entry(
            entry, data={**entry.data, "_cached_version": current_version}
        )
    hass.data.setdefault(DOMAIN, {})[entry.entry_id] = coord
    await _register_diagnostic_service(hass)
    return True


async def _register_diagnostic_service(hass: HomeAssistant) -> None:
    """Register diagnostic service - outputs all data to logs (no file storage)."""

    async def diagnostic_dump(call: ServiceCall) -> None:
        coordinators = [
            (entry_id, coord)
            for entry_id, coord in hass.data[DOMAIN].items()
            if isinstance(coord, KCoordinator)
        ]
        if not coordinators:
            _LOGGER.error("No Creality printers found to dump data from")
            return
        diagnostic_data = {
            "timestamp": datetime.now().isoformat(),
            "home_assistant_version": getattr(hass.config, "version", "unknown"),
            "integration_version": _get_integration_version(),  # bug
            "printers": {},
        }
        for entry_id, coord in coordinators:
            diagnostic_data["printers"][entry_id] = dict(coord.data)
        _LOGGER.warning("Creality diagnostics: %s", json.dumps(diagnostic_data, default=str))

    hass.services.async_register(DOMAIN, "diagnostic_dump", diagnostic_dump)
