"""Asynchronous SOAP client of a tank level sensor service.

Reproduction of the shape fixed in https://github.com/masaccio/kingspan-connect-sensor/commit/f19764baa613a4b9223488e16b0a6711c830a959
("Ensure SSL certificate loading is done in a non-blocking fashion"), reported by Home Assistant
for the integration https://github.com/masaccio/ha-kingspan-watchman-sensit (issue #43 shows the
call chain): AsyncSensorClient.__init__ built zeep's AsyncClient, which builds an httpx client that
loads the SSL certificates at construction time; the integration builds AsyncSensorClient() inside
a coroutine on the event loop. The fix built the zeep client in run_in_executor from login().
"""
from urllib.parse import urljoin

from zeep import AsyncClient as AsyncSoapClient

from .exceptions import APIError

DEFAULT_SERVER = "https://www.example-sensor.invalid/"
WSDL_PATH = "soap/MobileApp.asmx?WSDL"


class AsyncSensorClient:
    def __init__(self, base=DEFAULT_SERVER):
        url = urljoin(base, WSDL_PATH)
        self._soap_client = AsyncSoapClient(url)  # bug
        self._soap_client.set_ns_prefix(None, "http://mobileapp/")

    async def __aenter__(self):
        return self

    async def __aexit__(self, exc_t, exc_v, exc_tb):
        pass

    async def login(self, username, password):
        self._username = username
        self._password = password
        response = await self._soap_client.service.Authenticate(
            emailaddress=username, password=password
        )
        if response["APIResult"]["Code"] != 0:
            raise APIError(response["APIResult"]["Description"])
        self._user_id = response["APIUserID"]
        self._tanks = [info["SignalmanNo"] for info in response["Tanks"]["APITankInfo"]]
        return response

    async def latest_level(self, signalman_no):
        response = await self._soap_client.service.GetLatestLevel(
            userid=self._user_id, password=self._password, signalmanno=signalman_no
        )
        if response["APIResult"]["Code"] != 0:
            raise APIError(response["APIResult"]["Description"])
        return response["Level"]
