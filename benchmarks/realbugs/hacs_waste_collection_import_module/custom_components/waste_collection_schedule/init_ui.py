"""Config entry setup logic.

Reproduction of the shape fixed in https://github.com/mampfes/hacs_waste_collection_schedule/issues/2056
(commit e3f9f94da6fb6c621ecff977095e7b4ebe0edfeb, "Fix: Detected blocking call to import_module
inside the event loop"): the coroutine async_setup_entry calls SourceShell.create(...), a static
method of waste_collection_schedule/source_shell.py (imported as a top-level package after
site.addsitedir of the integration's folder) that loads the source module with
importlib.import_module; the config flow's coroutine async_step_args (config_flow.py) calls
importlib.import_module itself. The fix ran both with hass.async_add_executor_job; both changed
lines are marked.
"""
import logging
import site
from pathlib import Path

from homeassistant.core import HomeAssistant
from homeassistant.exceptions import ConfigEntryNotReady

package_dir = Path(__file__).resolve().parents[0]
site.addsitedir(str(package_dir))

from .const import CONF_SOURCE_ARGS, CONF_SOURCE_CALENDAR_TITLE, CONF_SOURCE_NAME, DOMAIN  # noqa: E402

from waste_collection_schedule import SourceShell  # type: ignore # isort:skip # noqa: E402

_LOGGER = logging.getLogger(__name__)


async def async_setup_entry(hass: HomeAssistant, entry) -> bool:
    options = entry.options

    shell = SourceShell.create(  # bug
        source_name=entry.data[CONF_SOURCE_NAME],
        source_args=entry.data[CONF_SOURCE_ARGS],
        customize={},
        calendar_title=options.get(CONF_SOURCE_CALENDAR_TITLE),
    )

    try:
        await hass.async_add_executor_job(shell.fetch)
    except Exception as err:  # pylint: disable=broad-except
        raise ConfigEntryNotReady() from err

    hass.data.setdefault(DOMAIN, {})[entry.entry_id] = shell
    return True
