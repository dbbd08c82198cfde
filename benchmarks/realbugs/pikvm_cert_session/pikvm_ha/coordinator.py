import logging
from datetime import timedelta

from homeassistant.core import HomeAssistant
from homeassistant.helpers.update_coordinator import DataUpdateCoordinator

from .cert_handler import create_session_with_cert
from .const import DOMAIN

_LOGGER = logging.getLogger(__name__)


class PiKVMDataUpdateCoordinator(DataUpdateCoordinator):
    def __init__(self, hass: HomeAssistant, url: str, cert: str):
        self.url = url
        self.cert = cert
        self.session = None
        super().__init__(hass, _LOGGER, name=DOMAIN, update_interval=timedelta(seconds=30))
        self._create_session()

    def _create_session(self):
        self.session, self.cert_file_path = create_session_with_cert(self.cert)

    async def _async_update_data(self):
        response = await self.hass.async_add_executor_job(self.session.get, f"{self.url}/api/info")
        return response.json()
