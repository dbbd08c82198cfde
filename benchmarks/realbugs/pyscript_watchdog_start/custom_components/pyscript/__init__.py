"""Set-up of a Home Assistant integration that runs user Python scripts and reloads them on change.

Reproduction of the shape reported in https://github.com/custom-components/pyscript/issues/616
("Detected blocking call to scandir", at `observer.start()`) and fixed in commit
774842d6229d637b3a8cb91d7c771b68dc12fa9c ("another attempt to avoid watchdog blocking"):
watchdog_start() builds a watchdog Observer and keeps it in hass.data; the coroutine run when Home
Assistant has started takes it back out of hass.data and calls observer.start(), whose inotify
emitter walks (os.scandir/os.walk) the whole scripts folder on the event loop; the stop coroutine
stops the observer thread and joins it on the loop. The fix started the observer once, in the
executor, and only toggled a flag in these coroutines.
"""
import asyncio
import logging
import os

import watchdog.observers
from homeassistant.const import EVENT_HOMEASSISTANT_STARTED, EVENT_HOMEASSISTANT_STOP
from watchdog.events import FileSystemEvent, FileSystemEventHandler

from .const import DOMAIN, FOLDER, UNSUB_LISTENERS, WATCHDOG_OBSERVER, WATCHDOG_TASK

_LOGGER = logging.getLogger(__name__)


async def watchdog_start(hass, pyscript_folder: str, reload_scripts_handler) -> None:
    """Start a watchdog thread that looks for changed files in pyscript_folder."""
    if WATCHDOG_OBSERVER in hass.data[DOMAIN]:
        return

    class WatchDogHandler(FileSystemEventHandler):
        def __init__(self, watchdog_q: asyncio.Queue, observer, path: str) -> None:
            self.watchdog_q = watchdog_q
            self._observer = observer
            self._observer.schedule(self, path, recursive=True)

        def on_modified(self, event: FileSystemEvent) -> None:
            hass.loop.call_soon_threadsafe(self.watchdog_q.put_nowait, event)

    async def task_watchdog(watchdog_q: asyncio.Queue) -> None:
        while True:
            event = await watchdog_q.get()
            if event.src_path.endswith((".py", ".yaml")):
                await reload_scripts_handler(None)

    watchdog_q = asyncio.Queue(0)
    observer = watchdog.observers.Observer()
    if observer is not None:
        hass.data[DOMAIN][WATCHDOG_OBSERVER] = observer
        hass.data[DOMAIN][WATCHDOG_TASK] = hass.async_create_task(task_watchdog(watchdog_q))
        await hass.async_add_executor_job(WatchDogHandler, watchdog_q, observer, pyscript_folder)


async def async_setup_entry(hass, config_entry) -> bool:
    """Initialize the pyscript config entry."""
    pyscript_folder = hass.config.path(FOLDER)
    if not await hass.async_add_executor_job(os.path.isdir, pyscript_folder):
        await hass.async_add_executor_job(os.makedirs, pyscript_folder)

    hass.data.setdefault(DOMAIN, {})
    hass.data[DOMAIN][UNSUB_LISTENERS] = []

    async def reload_scripts_handler(call) -> None:
        _LOGGER.debug("reload: reloading scripts")

    async def hass_started(event) -> None:
        _LOGGER.debug("starting global contexts")
        if WATCHDOG_OBSERVER in hass.data[DOMAIN]:
            observer = hass.data[DOMAIN][WATCHDOG_OBSERVER]
            observer.start()  # bug

    async def hass_stop(event) -> None:
        if WATCHDOG_OBSERVER in hass.data[DOMAIN]:
            observer = hass.data[DOMAIN][WATCHDOG_OBSERVER]
            observer.stop()
            observer.join()  # bug
            del hass.data[DOMAIN][WATCHDOG_OBSERVER]
            hass.data[DOMAIN][WATCHDOG_TASK].cancel()
            del hass.data[DOMAIN][WATCHDOG_TASK]

    hass.data[DOMAIN][UNSUB_LISTENERS].append(
        hass.bus.async_listen(EVENT_HOMEASSISTANT_STARTED, hass_started)
    )
    hass.data[DOMAIN][UNSUB_LISTENERS].append(
        hass.bus.async_listen(EVENT_HOMEASSISTANT_STOP, hass_stop)
    )
    await watchdog_start(hass, pyscript_folder, reload_scripts_handler)
    return True
