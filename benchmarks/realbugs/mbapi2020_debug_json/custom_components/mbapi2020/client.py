"""Client of the car integration (reproduction, see __init__.py)."""
import time
from pathlib import Path

from .const import CONF_DEBUG_FILE_SAVE, DEFAULT_CACHE_PATH
from .webapi import WebApi


class Client:
    def __init__(self, hass, session, config_entry) -> None:
        self._hass = hass
        self._debug_save_path = self._hass.config.path(DEFAULT_CACHE_PATH)
        self.config_entry = config_entry
        self.webapi: WebApi = WebApi(self._hass, session=session)

    def write_debug_json_output(self, data, datatype):
        """Write text to files based on datatype."""
        if self.config_entry.options.get(CONF_DEBUG_FILE_SAVE, False):
            path = self._debug_save_path
            Path(path).mkdir(parents=True, exist_ok=True)

            current_file = open(f"{path}/{datatype}{int(round(time.time() * 1000))}.json", "w")
            current_file.write(f"{data}")
            current_file.close()
