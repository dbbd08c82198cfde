"""Remote library loader.

Reproduction of the shape fixed in https://github.com/bramstroker/homeassistant-powercalc/pull/4172
(commit f6c2229ea507f100fe7d3713a8aabf85a92d8ffc, "fix: blocking IO in async functions"): the
coroutine RemoteLoader.load_model awaits _needs_update and _download_profile_with_retry, async
methods of the same class that check the downloaded profile with os.path.exists(...) on the event
loop. The fix ran the checks with hass.async_add_executor_job; the three changed lines of this file
are marked (the same change in loader/local.py, strategy/playbook.py and the virtual power flow is
left out of the reproduction).
"""
import asyncio
import json
import logging
import os
import shutil
from collections.abc import Callable, Coroutine
from functools import partial
from json import JSONDecodeError
from typing import Any, TypedDict, cast

from homeassistant.core import HomeAssistant
from homeassistant.helpers.aiohttp_client import async_get_clientsession
from homeassistant.helpers.storage import STORAGE_DIR

from custom_components.powercalc.const import API_URL, DOMAIN
from custom_components.powercalc.power_profile.error import LibraryLoadingError, ProfileDownloadError

_LOGGER = logging.getLogger(__name__)


class LibraryModel(TypedDict):
    id: str
    hash: str


class RemoteLoader:
    def __init__(self, hass: HomeAssistant) -> None:
        self.hass = hass
        self.model_infos: dict[str, LibraryModel] = {}
        self.profile_hashes: dict[str, str] = {}

    async def load_model(
        self,
        manufacturer: str,
        model: str,
        force_update: bool = False,
        retry_count: int = 0,
    ) -> tuple[dict, str] | None:
        """Load a model, downloading it if necessary, with retry logic."""
        model_info = self._get_library_model(manufacturer, model)
        storage_path = self.get_storage_path(manufacturer, model)
        model_path = os.path.join(storage_path, "model.json")

        if await self._needs_update(model_info, manufacturer, model, model_path, force_update):
            await self._download_profile_with_retry(manufacturer, model, storage_path, model_path)

        try:
            json_data = await self._load_model_json(model_path)
        except JSONDecodeError:
            if retry_count < 2:
                return await self.load_model(manufacturer, model, True, retry_count + 1)
            raise
        return json_data, storage_path

    def _get_library_model(self, manufacturer: str, model: str) -> LibraryModel:
        model_info = self.model_infos.get(f"{manufacturer}/{model}")
        if not model_info:
            raise LibraryLoadingError("Model not found in library: %s/%s", manufacturer, model)
        return model_info

    async def _needs_update(self, model_info: LibraryModel, manufacturer: str, model: str, model_path: str, force_update: bool) -> bool:
        if force_update:
            return True
        path_exists = os.path.exists(model_path)  # bug
        if not path_exists:
            return True
        existing_hash = self.profile_hashes.get(f"{manufacturer}/{model}")
        return existing_hash != model_info.get("hash")

    async def _download_profile_with_retry(self, manufacturer: str, model: str, storage_path: str, model_path: str) -> None:
        try:
            model_info = self._get_library_model(manufacturer, model)
            model_hash = str(model_info.get("hash"))
            callback = partial(self.download_profile, manufacturer, model, storage_path)
            await self.download_with_retry(callback)
            self.profile_hashes[f"{manufacturer}/{model}"] = model_hash
        except ProfileDownloadError as e:
            if not os.path.exists(model_path):  # bug
                if os.path.exists(storage_path):  # bug
                    await self.hass.async_add_executor_job(shutil.rmtree, storage_path)
                raise e
            _LOGGER.debug("Failed to download profile, falling back to local profile")

    async def _load_model_json(self, model_path: str) -> dict:
        def _load_json() -> dict[str, Any]:
            with open(model_path) as f:
                return cast(dict[str, Any], json.load(f))

        return await self.hass.async_add_executor_job(_load_json)

    def get_storage_path(self, manufacturer: str, model: str) -> str:
        return str(self.hass.config.path(STORAGE_DIR, DOMAIN, "profiles", manufacturer, model))

    async def download_with_retry(self, callback: Callable[[], Coroutine[Any, Any, None]]) -> None:
        for attempt in range(3):
            try:
                return await callback()
            except ProfileDownloadError:
                if attempt == 2:
                    raise
                await asyncio.sleep(1)
        return None

    async def download_profile(self, manufacturer: str, model: str, storage_path: str) -> None:
        session = async_get_clientsession(self.hass)
        async with session.get(f"{API_URL}/download/{manufacturer}/{model}") as resp:
            if resp.status != 200:
                raise ProfileDownloadError(f"Failed to download profile: {manufacturer}/{model}")
            data = await resp.read()

        def _save_file(payload: bytes, directory: str) -> None:
            os.makedirs(directory, exist_ok=True)
            with open(os.path.join(directory, "model.json"), "wb") as f:
                f.write(payload)

        await self.hass.async_add_executor_job(_save_file, data, storage_path)
