"""Button Builder, a Home Assistant integration serving a card designer panel.

Reproduction of the shape reported in https://github.com/aspenrt78/button-builder/issues/5
("Detected blocking call to read_text ... at custom_components/button_builder/__init__.py") and
fixed in commit 70dd957 (v2.3.0): the async async_register_panel, scheduled from async_setup_entry
with async_call_later, computes a cache-busting version with the plain helper
_integration_version(), which reads manifest.json with Path.read_text() on the event loop. The fix
ran the helper with hass.async_add_executor_job.
"""
from __future__ import annotations

import json
import logging
from pathlib import Path

from homeassistant.components.frontend import async_register_built_in_panel
from homeassistant.components.http import StaticPathConfig
from homeassistant.config_entries import ConfigEntry
from homeassistant.core import HomeAssistant
from homeassistant.helpers.event import async_call_later

_LOGGER = logging.getLogger(__name__)

DOMAIN = "button_builder"
PANEL_ID = "button-builder"
DATA_PANEL_REGISTERED = "panel_registered"
DATA_STATIC_REGISTERED = "static_path_registered"


async def async_setup(hass: HomeAssistant, config: dict) -> bool:
    hass.data.setdefault(DOMAIN, {})
    return True


async def async_setup_entry(hass: HomeAssistant, entry: ConfigEntry) -> bool:
    async def register_panel_later(_now):
        try:
            await async_register_panel(hass)
        except Exception as err:
            _LOGGER.error("Failed to register panel: %s", err, exc_info=True)

    async_call_later(hass, 2, register_panel_later)
    return True


async def async_register_panel(hass: HomeAssistant) -> None:
    hass.data.setdefault(DOMAIN, {})
    if hass.data[DOMAIN].get(DATA_PANEL_REGISTERED):
        return
    path = Path(__file__).parent / "www"
    version = _integration_version()  # also
    domain_data = hass.data[DOMAIN]
    if not domain_data.get(DATA_STATIC_REGISTERED):
        try:
            await hass.http.async_register_static_paths(
                [StaticPathConfig(url_path="/button_builder", path=str(path), cache_headers=False)]
            )
        except ValueError:
            _LOGGER.debug("Static path already registered for Button Builder")
        domain_data[DATA_STATIC_REGISTERED] = True
    async_register_built_in_panel(
        hass,
        component_name="iframe",
        sidebar_title="Button Builder",
        sidebar_icon="mdi:gesture-tap-button",
        frontend_url_path=PANEL_ID,
        config={"url": f"/button_builder/panel.html?v={version}"},
        require_admin=False,
    )
    hass.data[DOMAIN][DATA_PANEL_REGISTERED] = True


def _integration_version() -> str:
    """Return the integration version for cache busting."""
    import time
    manifest_path = Path(__file__).parent / "manifest.json"
    try:
        manifest = json.loads(manifest_path.read_text(encoding="utf-8"))  # bug
        version = manifest.get("version", "0")
        return f"{version}.{int(time.time())}"
    except Exception as err:
        _LOGGER.debug("Failed to read manifest for version: %s", err)
        return str(int(time.time()))
