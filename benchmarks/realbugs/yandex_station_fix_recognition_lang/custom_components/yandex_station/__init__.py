"""Yandex Station integration.

Reproduction of the shape fixed in https://github.com/AlexxIT/YandexStation/issues/574 (commit
ccde019d8b1c46e04e995c6b677129a4b7575441, "Disable recognition_lang param #574"): with the
recognition_lang option set, the coroutine async_setup calls utils.fix_recognition_lang(...) (the
plain helper of core/utils.py, imported as `from .core import utils`), which lists the frontend's
folder with Path.iterdir() and reads each chunk file with open(child, "rb"), on the event loop
("Detected blocking call to listdir ... at custom_components/yandex_station/core/utils.py, line 282").
The fix disabled the option, so the call is no longer made; the call line is marked.
"""
import logging

import voluptuous as vol
from homeassistant.config_entries import ConfigEntry
from homeassistant.core import HomeAssistant

from .core import utils
from .core.const import DATA_CONFIG, DOMAIN

_LOGGER = logging.getLogger(__name__)

PLATFORMS = ["media_player", "sensor", "switch"]

CONFIG_SCHEMA = vol.Schema(
    {DOMAIN: vol.Schema({vol.Optional("recognition_lang"): str}, extra=vol.ALLOW_EXTRA)},
    extra=vol.ALLOW_EXTRA,
)


async def async_setup(hass: HomeAssistant, hass_config: dict) -> bool:
    """Keep the YAML options; optionally serve a patched frontend chunk."""
    options = hass_config.get(DOMAIN) or {}
    hass.data[DOMAIN] = {DATA_CONFIG: options}

    lang = options.get("recognition_lang")
    if lang:
        utils.fix_recognition_lang(hass, "frontend_latest", lang)  # bug

    hass.http.register_view(utils.StreamingView(hass))
    return True


async def async_setup_entry(hass: HomeAssistant, entry: ConfigEntry) -> bool:
    await hass.config_entries.async_forward_entry_setups(entry, PLATFORMS)
    return True
