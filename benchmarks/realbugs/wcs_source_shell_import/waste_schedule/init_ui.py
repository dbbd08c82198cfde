"""Set-up of a config entry made in the UI.

Reproduction of the shape fixed in
https://github.com/mampfes/hacs_waste_collection_schedule/commit/e3f9f94da6fb6c621ecff977095e7b4ebe0edfeb
(reports: https://github.com/mampfes/hacs_waste_collection_schedule/issues/2056): the entry's set-up
coroutine called SourceShell.create, which imports the source module with importlib, directly on
the event loop. The package sits beside this file and is put on the path with site.addsitedir, so
it is imported by its own name.
"""

import site
from pathlib import Path

from homeassistant.exceptions import ConfigEntryNotReady

site.addsitedir(str(Path(__file__).resolve().parent))

from collection_schedule import SourceShell  # noqa: E402


async def async_setup_entry(hass, entry) -> bool:
    shell = SourceShell.create(  # bug
        source_name=entry.data["name"],
        source_args=entry.data["args"],
        calendar_title=entry.options.get("calendar_title"),
    )
    try:
        await hass.async_add_executor_job(shell.fetch)
    except Exception as err:
        raise ConfigEntryNotReady from err
    hass.data.setdefault("waste_schedule", {})[entry.entry_id] = shell
    return True
