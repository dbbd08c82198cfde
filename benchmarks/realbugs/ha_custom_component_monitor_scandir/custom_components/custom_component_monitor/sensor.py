"""Sensors of the Custom Component Monitor.

Reproduction of the shape fixed in https://github.com/loryanstrant/HA-CustomComponentMonitor/issues/50
(PR #52, commit dfdbdca63583efcd04071c7339bf8049a6ae3d5a, "fix: resolve blocking scandir calls and
attribute size limit"): the coroutine ComponentScanner.scan_frontend (awaited by the coordinator's
_async_update_data) walks each installed frontend plugin's folder on the event loop with
Path.is_dir() and Path.glob("*.js"), and for utility plugins calls self._has_custom_element_calls,
a plain method of the same class that reads the file with Path.read_bytes(). The fix moved both scans
into plain helpers run in one executor job each; the changed lines are marked.
"""
from __future__ import annotations

import json
import logging
import re
from datetime import timedelta
from pathlib import Path
from typing import Any

from homeassistant.components.sensor import SensorEntity
from homeassistant.config_entries import ConfigEntry
from homeassistant.core import HomeAssistant
from homeassistant.helpers.update_coordinator import CoordinatorEntity, DataUpdateCoordinator

from .const import DOMAIN

_LOGGER = logging.getLogger(__name__)
_ICON_RE = re.compile(r"window\.customIconsets\[['\"]([a-z0-9-]+)['\"]\]")


class ComponentScanner:
    """Scanner for HACS-installed custom components."""

    def __init__(self, hass: HomeAssistant) -> None:
        self.hass = hass
        self.config_dir = Path(hass.config.config_dir)

    async def _load_hacs_repositories(self) -> dict[str, Any]:
        def _read() -> dict[str, Any]:
            path = self.config_dir / ".storage" / "hacs.repositories"
            try:
                return json.loads(path.read_text(encoding="utf-8")).get("data", {})
            except (OSError, ValueError):
                return {}

        return await self.hass.async_add_executor_job(_read)

    def _derive_card_types(self, repo: dict[str, Any]) -> list[str]:
        filename = (repo.get("repository_manifest") or {}).get("filename", "")
        return [filename.removesuffix(".js")] if filename else []

    def _extract_icon_prefixes(self, js_path: Path) -> list[str]:
        try:
            raw = js_path.read_text(encoding="utf-8", errors="ignore")
        except OSError:
            return []
        return _ICON_RE.findall(raw)

    def _has_custom_element_calls(self, js_path: Path) -> bool:
        """Return True if the JS file contains any customElements.define() call."""
        try:
            raw = js_path.read_bytes()[:2_097_152].decode("utf-8", errors="ignore")
        except OSError:
            return False
        return "customElements.define(" in raw

    async def scan_frontend(self) -> dict[str, Any]:
        hacs_repos = await self._load_hacs_repositories()
        used_list: list[dict[str, Any]] = []
        unused_list: list[dict[str, Any]] = []
        for _repo_id, repo in hacs_repos.items():
            if repo.get("category") != "plugin" or not repo.get("installed", False):
                continue
            full_name = repo.get("full_name", "")
            card_types = await self.hass.async_add_executor_job(self._derive_card_types, repo)
            repo_short = full_name.split("/")[-1].lower() if "/" in full_name else ""

            icon_prefixes: list[str] = []
            community_dir = self.config_dir / "www" / "community"
            for cname in [repo_short, full_name.split("/")[-1] if "/" in full_name else ""]:
                if not cname:
                    continue
                d = community_dir / cname
                if d.is_dir():  # bug
                    for js_file in d.glob("*.js"):  # bug
                        icon_prefixes.extend(
                            await self.hass.async_add_executor_job(self._extract_icon_prefixes, js_file)
                        )

            is_used = bool(icon_prefixes)
            if not is_used and card_types:
                has_ce = False
                for cname in [repo_short, full_name.split("/")[-1] if "/" in full_name else ""]:
                    if not cname:
                        continue
                    d = community_dir / cname
                    if d.is_dir():  # bug
                        for js_file in d.glob("*.js"):  # bug
                            if self._has_custom_element_calls(js_file):  # bug
                                has_ce = True
                                break
                    if has_ce:
                        break
                if not has_ce:
                    is_used = True

            entry = {"name": repo.get("name") or full_name, "version": repo.get("version_installed", "unknown")}
            (used_list if is_used else unused_list).append(entry)

        return {"total": len(used_list) + len(unused_list), "used": used_list, "unused": unused_list}


class CustomComponentMonitorCoordinator(DataUpdateCoordinator[dict[str, Any]]):
    def __init__(self, hass: HomeAssistant) -> None:
        super().__init__(hass, _LOGGER, name=DOMAIN, update_interval=timedelta(hours=1))
        self.scanner = ComponentScanner(hass)

    async def _async_update_data(self) -> dict[str, Any]:
        frontend = await self.scanner.scan_frontend()
        return {"frontend": frontend}


async def async_setup_entry(hass: HomeAssistant, entry: ConfigEntry, async_add_entities) -> None:
    coordinator = CustomComponentMonitorCoordinator(hass)
    await coordinator.async_config_entry_first_refresh()
    async_add_entities([CustomComponentMonitorSensor(coordinator)])


class CustomComponentMonitorSensor(CoordinatorEntity, SensorEntity):
    def __init__(self, coordinator: CustomComponentMonitorCoordinator) -> None:
        super().__init__(coordinator)
        self._attr_unique_id = f"{DOMAIN}_frontend"

    @property
    def native_value(self) -> int:
        return self.coordinator.data["frontend"]["total"]
