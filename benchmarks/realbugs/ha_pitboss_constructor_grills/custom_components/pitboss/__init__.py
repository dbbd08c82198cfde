"""Custom integration to integrate PitBoss grills and smokers with Home Assistant.

Reproduction of the shape fixed in https://github.com/dknowles2/ha-pitboss/pull/275 (issue #210,
commit 8ff52a60022a892e88d9b654f23b82d528695e34, "fix: wrap PitBoss constructor in executor to
avoid blocking I/O"): the coroutine async_setup_entry builds `api.PitBoss(conn, model,
password=password)` of the pytboss package, whose constructor looks up the grill's specification in
the package's grills.json (importlib.resources ... read_text()). The fix built it with
hass.async_add_executor_job; the constructor line is marked. pytboss/ is a stand-in for the package.
"""
from homeassistant.config_entries import ConfigEntry
from homeassistant.const import CONF_DEVICE_ID, CONF_MODEL, CONF_PASSWORD, CONF_PROTOCOL
from homeassistant.core import HomeAssistant
from homeassistant.exceptions import ConfigEntryNotReady
from homeassistant.helpers.aiohttp_client import async_get_clientsession
from homeassistant.helpers.device_registry import DeviceInfo
from pytboss import api, wss
from pytboss.transport import Transport

from .const import DEFAULT_PROTOCOL, DOMAIN, MANUFACTURER, PROTOCOL_WSS
from .coordinator import PitBossDataUpdateCoordinator


async def async_setup_entry(hass: HomeAssistant, entry: ConfigEntry) -> bool:
    """Set up this integration using UI."""
    hass.data.setdefault(DOMAIN, {})
    device_id = entry.data[CONF_DEVICE_ID]
    model = entry.data[CONF_MODEL]
    password = entry.data.get(CONF_PASSWORD, "")
    conn: Transport

    if (protocol := entry.data.get(CONF_PROTOCOL, DEFAULT_PROTOCOL)) == PROTOCOL_WSS:
        conn = wss.WebSocketConnection(device_id, session=async_get_clientsession(hass), loop=hass.loop)
    else:
        raise ValueError(f"Unknown protocol: {protocol}")

    pitboss = api.PitBoss(conn, model, password=password)  # bug
    device_info = DeviceInfo(identifiers={(DOMAIN, device_id)}, name=device_id, model=model, manufacturer=MANUFACTURER)
    hass.data[DOMAIN][entry.entry_id] = coordinator = PitBossDataUpdateCoordinator(hass, device_info, pitboss)
    try:
        await coordinator.async_config_entry_first_refresh()
    except ConfigEntryNotReady as ex:
        await conn.disconnect()
        await pitboss.stop()
        raise ex
    return True
