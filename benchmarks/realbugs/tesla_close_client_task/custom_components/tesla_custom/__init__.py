"""Set-up of a Home Assistant car integration.

Reproduction of the shape fixed in https://github.com/alandtse/tesla/pull/551 (commit 2dbceea, "Use
async_create_background_task to close the httpx client"): an unload callback (a nested @callback
function of async_setup_entry) closes the entry's httpx client with a bare asyncio.create_task and
discards the task, which the loop only holds weakly. The fix handed the coroutine to
hass.async_create_background_task, which keeps a reference.
"""
import asyncio

import httpx
from homeassistant.const import EVENT_HOMEASSISTANT_CLOSE
from homeassistant.core import callback
from homeassistant.exceptions import ConfigEntryNotReady

from .api import CarAPI, CarException

DOMAIN = "tesla_custom"


async def async_setup_entry(hass, config_entry):
    hass.data.setdefault(DOMAIN, {})
    config = config_entry.data
    async_client = httpx.AsyncClient(timeout=60)  # also

    try:
        controller = CarAPI(async_client, email=config.get("username"), refresh_token=config["token"])
        await controller.connect()
    except (httpx.ConnectTimeout, httpx.ConnectError) as ex:
        await async_client.aclose()
        raise ConfigEntryNotReady from ex
    except CarException:
        await async_client.aclose()
        return False

    async def _async_close_client(*_):
        await async_client.aclose()

    @callback
    def _async_create_close_task():
        asyncio.create_task(_async_close_client())  # bug

    config_entry.async_on_unload(
        hass.bus.async_listen_once(EVENT_HOMEASSISTANT_CLOSE, _async_close_client)
    )
    config_entry.async_on_unload(_async_create_close_task)

    hass.data[DOMAIN][config_entry.entry_id] = controller
    return True
