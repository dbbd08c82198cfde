"""The Yarbo integration.

Reproduction of the shape fixed in https://github.com/markus-lassfolk/home-assistant-yarbo/issues/104
(commit 0105b29a99b3b0a4c5e9dd7ffe78e33c549214d0, "fix: restore _connect_sync executor wrapper for
blocking I/O (#104)"): async_setup_entry awaits `client.connect()`, client being the
YarboLocalClient of the python-yarbo library (yarbo/ is a stand-in), whose async connect reads
package metadata from disk (the idna dist-info METADATA, reached during the broker connection) on
the event loop ("Detected blocking call to read_text ... at custom_components/yarbo/__init__.py:
await client.connect()"). The fix ran connect on a worker thread with hass.async_add_executor_job.
"""
from __future__ import annotations

from homeassistant.config_entries import ConfigEntry
from homeassistant.core import HomeAssistant
from homeassistant.exceptions import ConfigEntryNotReady

from yarbo import YarboLocalClient
from yarbo.exceptions import YarboConnectionError

from .const import CONF_BROKER_HOST, CONF_BROKER_PORT, DATA_CLIENT, DOMAIN, PLATFORMS


async def async_setup_entry(hass: HomeAssistant, entry: ConfigEntry) -> bool:
    """Set up Yarbo from a config entry."""
    client = YarboLocalClient(broker=entry.data[CONF_BROKER_HOST], port=entry.data[CONF_BROKER_PORT])

    try:
        await client.connect()  # bug
    except YarboConnectionError as err:
        await client.disconnect()
        raise ConfigEntryNotReady(f"Cannot connect to Yarbo: {err}") from err

    hass.data.setdefault(DOMAIN, {})[entry.entry_id] = {DATA_CLIENT: client}
    await hass.config_entries.async_forward_entry_setups(entry, PLATFORMS)
    return True
