"""Extra settings file of the Wiser heating API library, read and written with aiofiles.

Reproduction of the shape fixed in https://github.com/asantaga/wiserHomeAssistantPlatform/issues/379
(the library's commit https://github.com/msp1974/aioWiserHeatAPI/commit/ee04f2f1c0955068d8e47f998b340f918f030f67,
"fix error caused by missing await on file close": "RuntimeWarning: coroutine
'_make_delegate_method.<locals>.method' was never awaited config_file.close()"): inside
`async with aiofiles.open(...) as config_file:` both async_load_config and async_write_config
call config_file.close(), a coroutine method of aiofiles' file object, without await. The fix
removed both calls (the async with closes the file).
"""
import asyncio
import aiofiles
import json
from os.path import exists

from ..exceptions import WiserExtraConfigError


class _WiserExtraConfig:
    def __init__(self, config_file: str, hub_name: str):
        self._config_file = config_file + "_" + hub_name
        self._config = {}

    async def async_load_config(self):
        if exists(self._config_file):  # also
            async with aiofiles.open(self._config_file, mode="r") as config_file:
                try:
                    contents = await config_file.read()
                    if contents:
                        self._config = json.loads(contents)
                    config_file.close()  # bug

                except (OSError, EOFError, TypeError, AttributeError, json.JSONDecodeError) as ex:
                    raise WiserExtraConfigError("Error loading extra config file")
        else:
            await self.async_update_config("Info", "Version", "1.0.0")
        return

    async def async_update_config(self, section: str, key: str, value):
        if section not in self._config:
            self._config[section] = {}
        if key and value:
            if self._config[section].get(key):
                self._config[section][key].update(value)
            else:
                self._config[section][key] = value
        await self.async_write_config()

    async def async_write_config(self):
        async with aiofiles.open(self._config_file, mode="w") as config_file:
            try:
                await config_file.write(json.dumps(self._config, indent=2))
                config_file.close()  # bug
            except (OSError, EOFError, TypeError, AttributeError, json.JSONDecodeError) as ex:
                raise WiserExtraConfigError("Error writing to extra config file")

    def config(self, section: str = None, key: str = None):
        try:
            if section:
                return self._config[section][key] if key else self._config[section]
            return self._config
        except KeyError:
            return None
