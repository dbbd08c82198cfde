"""Connection to a Bang & Olufsen MasterLink gateway.

Reproduction of the shape fixed in https://github.com/giachello/mlgw/pull/18 (commit
https://github.com/giachello/mlgw/commit/08117c124174f063ac95a8c7882648b2c01af710): the async
factory functions built the gateway object and called its sync ml_connect(), which logs in over
telnet with time.sleep(0.1) pauses between prompts: blocking calls in the event loop. The fix made
ml_connect async (asyncio.sleep) and awaited it.
"""

import logging
import telnetlib
import time

_LOGGER = logging.getLogger(__name__)


class MasterLinkGateway:
    def __init__(self, host, port, user, password, hass) -> None:
        self._host = host
        self._port = port
        self._user = user
        self._password = password
        self._hass = hass
        self._tn = None
        self._connectedML = False

    def ml_connect(self) -> None:
        _LOGGER.info("Trying to connect to ML CLI: %s", self._host)
        self._tn = telnetlib.Telnet(self._host)
        line = self._tn.read_until(b"login: ", 3)
        if line[-7:] != b"login: ":
            raise ConnectionError
        self._tn.write(self._user.encode("ascii") + b"\n")
        self._tn.read_until(b"Password: ", 3)
        time.sleep(0.1)
        self._tn.write(self._password.encode("ascii") + b"\n")
        time.sleep(0.1)
        self._tn.read_until(b"MLGW >", 3)
        self._connectedML = True

    def mlgw_connect(self) -> None:
        self._connectedML = self._connectedML


async def create_mlgw_gateway(host, port, user, password, use_mllog, hass) -> MasterLinkGateway:
    gateway = MasterLinkGateway(host, port, user, password, hass)
    if use_mllog:
        gateway.ml_connect()  # bug
    gateway.mlgw_connect()
    return gateway


async def create_mlgw_gateway_with_configuration_data(host, port, user, password, use_mllog, hass):
    gateway = MasterLinkGateway(host, port, user, password, hass)
    if use_mllog:
        gateway.ml_connect()  # bug
    gateway.mlgw_connect()
    return gateway
