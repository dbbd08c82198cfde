"""Frontend for Bambu Lab Cards.

Reproduction of the shape fixed in https://github.com/greghesp/ha-bambulab/issues/998 (PR #1066,
commit a9c044dad2d7d98b452923ccbf56c53d6cb5e1b5, "Fix missing await"): the coroutine method
async_remove_gzip_files hands its own coroutine function to the executor,
`await self.hass.async_add_executor_job(self.async_remove_gzip_files)`, instead of the plain
remove_gzip_files, so the worker thread creates a coroutine that is never awaited (and the old
gzip files are never removed). The fix passed self.remove_gzip_files.
"""
import logging
import os

from homeassistant.core import HomeAssistant

from ..const import BAMBU_LAB_CARDS, URL_BASE

_LOGGER = logging.getLogger(__name__)


class BambuLabCardRegistration:
    def __init__(self, hass: HomeAssistant):
        self.hass = hass

    async def async_register(self):
        if self.hass.data["lovelace"]["mode"] == "storage":
            await self.async_register_bambu_cards()

    async def async_register_bambu_cards(self):
        bambu_resources = [
            resource
            for resource in self.hass.data["lovelace"]["resources"].async_items()
            if resource["url"].startswith(URL_BASE)
        ]
        for card in BAMBU_LAB_CARDS:
            url = f"{URL_BASE}/{card.get('filename')}"
            for res in bambu_resources:
                if res["url"].split("?")[0] == url and self.get_resource_version(res["url"]) != card.get("version"):
                    await self.hass.data["lovelace"]["resources"].async_update_item(
                        res.get("id"), {"res_type": "module", "url": url + "?v=" + card.get("version")}
                    )
                    # Remove old gzipped files
                    await self.async_remove_gzip_files()

    def get_resource_version(self, url: str):
        try:
            return url.split("?")[1].replace("v=", "")
        except Exception:
            return 0

    async def async_remove_gzip_files(self):
        await self.hass.async_add_executor_job(self.async_remove_gzip_files)  # bug

    def remove_gzip_files(self):
        path = self.hass.config.path("custom_components/bambu_lab/frontend")
        gzip_files = [filename for filename in os.listdir(path) if filename.endswith(".gz")]
        for file in gzip_files:
            try:
                if os.path.getmtime(f"{path}/{file}") < os.path.getmtime(f"{path}/{file.replace('.gz','')}"):
                    _LOGGER.debug(f"Removing older gzip file - {file}")
                    os.remove(f"{path}/{file}")
            except Exception:
                pass
