"""RoomMind, room climate management for Home Assistant.

Reproduction of the shape fixed in https://github.com/snazzybean/roommind/pull/63 (commit
657bc6e9b463efe4133228a18009bd4eae99e991, "fix: offload blocking manifest.json and storage
migration I/O to executor"): the async async_setup_entry awaits _async_migrate_storage, a coroutine
that checks, renames, reads and writes the old storage files and history folder with pathlib and
shutil directly, and then calls the plain helper _check_version_mismatch(hass), which reads
manifest.json from disk. The fix moved the migration's body into a plain function run with
hass.async_add_executor_job and read the manifest in the executor.
"""
from __future__ import annotations

import json
import logging
from pathlib import Path

from homeassistant.config_entries import ConfigEntry
from homeassistant.core import HomeAssistant
from homeassistant.helpers import issue_registry as ir

from .const import DOMAIN, PLATFORMS, VERSION
from .store import RoomMindStore

_LOGGER = logging.getLogger(__name__)


async def async_setup_entry(hass: HomeAssistant, entry: ConfigEntry) -> bool:
    store = hass.data.setdefault(DOMAIN, {}).get("store")
    if not store:
        await _async_migrate_storage(hass)
        store = RoomMindStore(hass)
        await store.async_load()
        hass.data[DOMAIN]["store"] = store

    await hass.config_entries.async_forward_entry_setups(entry, PLATFORMS)
    _check_version_mismatch(hass)  # bug
    return True


async def _async_migrate_storage(hass: HomeAssistant) -> None:
    storage_dir = Path(hass.config.path(".storage"))
    old_path = storage_dir / "roomsense"
    new_path = storage_dir / "roommind"
    if old_path.exists() and not new_path.exists():  # also
        old_path.rename(new_path)  # bug
        _LOGGER.info("Migrated storage file from 'roomsense' to 'roommind'")
    if new_path.exists():  # also
        try:
            data = json.loads(new_path.read_text())  # bug
            if data.get("key") == "roomsense":
                data["key"] = "roommind"
                new_path.write_text(json.dumps(data, indent=2))  # also
        except Exception:  # noqa: BLE001
            _LOGGER.warning("Failed to migrate storage key")
    old_history = storage_dir / "roomsense_history"
    new_history = storage_dir / "roommind_history"
    if old_history.exists():  # also
        if not new_history.exists():  # also
            old_history.rename(new_history)
        else:
            for old_csv in old_history.iterdir():  # also
                new_csv = new_history / old_csv.name
                if new_csv.exists():  # also
                    merged = old_csv.read_text().splitlines() + new_csv.read_text().splitlines()[1:]  # also
                    new_csv.write_text("\n".join(merged) + "\n")  # also
                else:
                    old_csv.rename(new_csv)
            import shutil
            shutil.rmtree(old_history)  # also


def _check_version_mismatch(hass: HomeAssistant) -> None:
    try:
        manifest_path = Path(__file__).parent / "manifest.json"
        disk_version = json.loads(manifest_path.read_text())["version"]
    except Exception:  # noqa: BLE001
        return
    if disk_version != VERSION:
        ir.async_create_issue(
            hass,
            DOMAIN,
            "restart_required",
            is_fixable=True,
            is_persistent=False,
            severity=ir.IssueSeverity.WARNING,
            translation_key="restart_required",
            translation_placeholders={"version": disk_version},
        )
