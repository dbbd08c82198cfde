"""Frontend card registration for the camera integration.

Reproduction of the shape fixed in https://github.com/wealthystudent/ha-nanit/issues/103 (PR #107,
commit 2317b2a824fd468d6edd88104cf1e22d05e4f87a, "fix: pre-compute card resource version at import
time"): the coroutine async_register_card (awaited by async_setup_entry) builds the Lovelace
resource URL with _card_resource_version(), a plain helper of the same module that reads
manifest.json (Path.read_text) and hashes the card's JavaScript file (Path.read_bytes) on the event
loop. The fix computed the version once at import time.
"""
from __future__ import annotations

import hashlib
import json
import logging
from pathlib import Path
from typing import Any, cast

from homeassistant.components.http import StaticPathConfig
from homeassistant.components.lovelace import LovelaceData
from homeassistant.components.lovelace.resources import ResourceStorageCollection
from homeassistant.core import HomeAssistant

_LOGGER = logging.getLogger(__name__)

_CARD_DIR = Path(__file__).parent
_CARD_FILENAME = "nanit-card.js"
_URL_BASE = "/nanit-card"
_CARD_URL = f"{_URL_BASE}/{_CARD_FILENAME}"
_REGISTERED_KEY = "nanit_card_registered"


def _card_resource_version() -> str:
    manifest_version = "0"
    try:
        manifest: dict[str, Any] = json.loads((Path(__file__).parent.parent / "manifest.json").read_text())
        manifest_version = str(manifest.get("version", "0"))
    except (FileNotFoundError, json.JSONDecodeError, KeyError):
        pass
    try:
        card_hash = hashlib.sha256((_CARD_DIR / _CARD_FILENAME).read_bytes()).hexdigest()[:12]
    except FileNotFoundError:
        return manifest_version
    return f"{manifest_version}-{card_hash}"


async def async_register_card(hass: HomeAssistant) -> None:
    if hass.data.get(_REGISTERED_KEY):
        return
    hass.data[_REGISTERED_KEY] = True

    card_path = _CARD_DIR / _CARD_FILENAME
    if not card_path.is_file():  # also
        _LOGGER.warning("Card JS not found at %s, skipping card registration", card_path)
        hass.data[_REGISTERED_KEY] = False
        return

    await hass.http.async_register_static_paths([StaticPathConfig(_URL_BASE, str(_CARD_DIR), cache_headers=False)])

    lovelace_data: LovelaceData = hass.data["lovelace"]
    if lovelace_data.resource_mode == "yaml":
        return

    resource_url = f"{_CARD_URL}?v={_card_resource_version()}"  # bug
    resources = cast(ResourceStorageCollection, lovelace_data.resources)
    if not resources.loaded:
        await resources.async_load()
        resources.loaded = True

    existing = [r for r in resources.async_items() if _CARD_URL in r["url"]]
    if existing:
        for item in existing:
            if item["url"] != resource_url:
                await resources.async_update_item(item["id"], {"url": resource_url})
        return
    await resources.async_create_item({"res_type": "module", "url": resource_url})
