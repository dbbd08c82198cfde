"""The maestro_mcz integration."""
from __future__ import annotations

import os

from homeassistant.config_entries import ConfigEntry
from homeassistant.const import CONF_PASSWORD, CONF_USERNAME
from homeassistant.core import HomeAssistant

from .const import DOMAIN
from .maestro.controller.controller_interface import MaestroControllerInterface
from .maestro.controller.maestro_controller import MaestroController
from .maestro.controller.mocked_controller import MockedController


async def async_setup_entry(hass: HomeAssistant, entry: ConfigEntry) -> bool:
    """Set up maestro_mcz from a config entry."""
    hass.data.setdefault(DOMAIN, {})
    mocked_files = has_mocked_files()  # bug
    if mocked_files is None:
        maestroapi: MaestroControllerInterface = MaestroController(entry.data[CONF_USERNAME], entry.data[CONF_PASSWORD])
        await maestroapi.Login()
    else:
        maestroapi = MockedController(mocked_files)
        await maestroapi.Login()
    hass.data[DOMAIN][entry.entry_id] = maestroapi
    return True


def has_mocked_files() -> list[str] | None:
    try:
        folder_path = "config/custom_components/maestro_mcz/mocked"
        files_in_dir = os.listdir(folder_path)
        if files_in_dir is not None:
            return [folder_path + "/" + file for file in files_in_dir]
        return None
    except Exception:
        return None
