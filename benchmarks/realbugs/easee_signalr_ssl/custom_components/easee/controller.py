"""Controller of a Home Assistant integration for cloud-connected EV chargers.

Reproduction of the shape reported in https://github.com/nordicopen/easee_hass/issues/508
("Detected blocking call to load_default_certs", through the SignalR stream of the pyeasee
library) and fixed in commit 1025fa974b67568ab2ac4a8d0ab76827c1364243 ("Supply an ssl context to
pyeasee", merged in PR #527): the async Controller.initialize builds the library client
Easee(username, password, session, user_agent) without an SSL context, so the library builds a
default one (loading the system certificates) on the event loop for its SignalR connection. The
fix passed Home Assistant's shared context (homeassistant.util.ssl.get_default_context()).
"""
import asyncio
import logging

from homeassistant.exceptions import ConfigEntryAuthFailed, ConfigEntryNotReady
from homeassistant.helpers import aiohttp_client
from pyeasee import Easee
from pyeasee.exceptions import AuthorizationFailedException, ServerFailureException

from .const import CONF_MONITORED_SITES, TIMEOUT, VERSION

_LOGGER = logging.getLogger(__name__)


class Controller:
    """Controller class orchestrating the data fetching and entities"""

    def __init__(self, username, password, hass, entry):
        self.username = username
        self.password = password
        self.hass = hass
        self.config = entry
        self.easee = None
        self.sites = []
        self.chargers = []
        self.trackers = []
        self.monitored_sites = None

    async def cleanup(self):
        if self.easee is not None:
            for charger in self.chargers:
                await self.easee.sr_unsubscribe(charger)
            await self.easee.close()
        for tracker in self.trackers:
            tracker()
        self.trackers = []

    async def initialize(self):
        """Initialize the session and get initial data."""
        client_session = aiohttp_client.async_get_clientsession(self.hass)
        self.easee = Easee(  # bug
            self.username, self.password, client_session, f"easee_hass_{VERSION}"
        )
        try:
            async with asyncio.timeout(TIMEOUT):
                await self.easee.connect()
        except TimeoutError as err:
            raise ConfigEntryNotReady from err
        except ServerFailureException as err:
            raise ConfigEntryNotReady from err
        except AuthorizationFailedException as err:
            raise ConfigEntryAuthFailed from err

        self.sites = await self.easee.get_account_products()
        self.monitored_sites = self.config.options.get(
            CONF_MONITORED_SITES, [site.name for site in self.sites]
        )
        for site in self.sites:
            if site.name in self.monitored_sites:
                for circuit in site.get_circuits():
                    self.chargers.extend(circuit.get_chargers())
        for charger in self.chargers:
            await self.easee.sr_subscribe(charger, self._stream_callback)

    async def _stream_callback(self, product_id, data_type, data_id, value):
        _LOGGER.debug("stream %s %s %s %s", product_id, data_type, data_id, value)
