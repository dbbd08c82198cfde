"""Installs or updates the index template of the exported datastreams.

Reproduction of the shape fixed in https://github.com/legrego/homeassistant-elasticsearch/pull/377
(report: https://github.com/legrego/homeassistant-elasticsearch/issues/376): the template's JSON
file was read with Path.open in decorated coroutine methods, on the event loop.
"""

import json
from pathlib import Path

from .logger import LOGGER, async_log_enter_exit_debug

TEMPLATE_NAME = "metrics-homeassistant"


class DatastreamManager:
    def __init__(self, gateway, log=LOGGER) -> None:
        self._gateway = gateway
        self._logger = log

    @async_log_enter_exit_debug
    async def async_init(self) -> None:
        if await self._needs_template_update():
            await self._gateway.put_index_template(
                name=TEMPLATE_NAME, body=await self._template_from_disk()
            )

    @async_log_enter_exit_debug
    async def _needs_template_update(self) -> bool:
        found = await self._gateway.get_index_template(name=TEMPLATE_NAME, ignore=[404])
        installed = found.get("index_templates", [{}])[0]
        new_template = await self._template_from_disk()
        installed_version = installed.get("index_template", {}).get("version", 0)
        return installed_version != new_template.get("version", 0)

    @async_log_enter_exit_debug
    async def _template_from_disk(self) -> dict:
        with (Path(__file__).parent / "datastreams" / "index_template.json").open(encoding="utf-8") as handle:  # bug
            return json.load(handle)
