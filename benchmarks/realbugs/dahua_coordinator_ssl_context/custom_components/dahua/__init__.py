"""Custom integration to integrate Dahua cameras with Home Assistant.

Reproduction of the shape fixed in https://github.com/rroller/dahua/issues/383 ("Detected blocking call
to load_default_certs ... inside the event loop by custom integration 'dahua' at
custom_components/dahua/__init__.py, line 105: ssl_context = ssl.create_default_context()"), fixed
by commit 652207272aff6a75f41562b623b7e8b21b8b2a9d (PR #394, "Fix hassio warnings"): the coroutine
async_setup_entry builds DahuaDataUpdateCoordinator(...), whose plain __init__ creates an SSL context
with ssl.create_default_context() (which loads the default certificates from disk) for its aiohttp
connector. The fix built the context once at module level; the line is marked.
"""
import logging
import ssl
from datetime import timedelta

from aiohttp import ClientError, ClientSession, TCPConnector
from homeassistant.config_entries import ConfigEntry
from homeassistant.core import HomeAssistant
from homeassistant.exceptions import ConfigEntryNotReady
from homeassistant.helpers.update_coordinator import DataUpdateCoordinator, UpdateFailed

from .client import DahuaClient
from .const import (
    CONF_ADDRESS,
    CONF_CHANNEL,
    CONF_EVENTS,
    CONF_NAME,
    CONF_PASSWORD,
    CONF_PORT,
    CONF_RTSP_PORT,
    CONF_USERNAME,
    DOMAIN,
    PLATFORMS,
)

SCAN_INTERVAL_SECONDS = timedelta(seconds=30)

_LOGGER: logging.Logger = logging.getLogger(__package__)


async def async_setup_entry(hass: HomeAssistant, entry: ConfigEntry):
    """Set up this integration using UI."""
    hass.data.setdefault(DOMAIN, {})

    username = entry.data.get(CONF_USERNAME)
    password = entry.data.get(CONF_PASSWORD)
    address = entry.data.get(CONF_ADDRESS)
    port = int(entry.data.get(CONF_PORT))
    rtsp_port = int(entry.data.get(CONF_RTSP_PORT))
    events = entry.data.get(CONF_EVENTS)
    name = entry.data.get(CONF_NAME)
    channel = entry.data.get(CONF_CHANNEL, 0)

    coordinator = DahuaDataUpdateCoordinator(hass, events=events, address=address, port=port, rtsp_port=rtsp_port,  # also
                                             username=username, password=password, name=name, channel=channel)
    await coordinator.async_config_entry_first_refresh()

    if not coordinator.last_update_success:
        raise ConfigEntryNotReady

    hass.data[DOMAIN][entry.entry_id] = coordinator

    for platform in PLATFORMS:
        if entry.options.get(platform, True):
            coordinator.platforms.append(platform)
            hass.async_create_task(
                hass.config_entries.async_forward_entry_setup(entry, platform)
            )
    return True


class DahuaDataUpdateCoordinator(DataUpdateCoordinator):
    """Class to manage fetching data from the API."""

    def __init__(self, hass: HomeAssistant, events: list, address: str, port: int, rtsp_port: int, username: str,
                 password: str, name: str, channel: int) -> None:
        """Initialize the coordinator."""
        # Self signed certs are used over HTTPS so we'll disable SSL verification
        ssl_context = ssl.create_default_context()  # bug
        ssl_context.set_ciphers("DEFAULT")
        ssl_context.check_hostname = False
        ssl_context.verify_mode = ssl.CERT_NONE
        connector = TCPConnector(enable_cleanup_closed=True, ssl=ssl_context)
        self._session = ClientSession(connector=connector)

        # The client used to communicate with Dahua devices
        self.client: DahuaClient = DahuaClient(username, password, address, port, rtsp_port, self._session)

        self.platforms = []
        self.events: list = events
        self._channel = channel
        self._name = name
        super().__init__(hass, _LOGGER, name=DOMAIN, update_interval=SCAN_INTERVAL_SECONDS)

    async def _async_update_data(self):
        try:
            return await self.client.get_machine_name()
        except ClientError as exception:
            raise UpdateFailed() from exception
