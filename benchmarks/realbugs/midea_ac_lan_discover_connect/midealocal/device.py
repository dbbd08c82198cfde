"""Stand-in for midea-local's MideaDevice (reproduction, see custom_components/midea_ac_lan/config_flow.py):
connect() opens a TCP socket with a timeout and authenticate() exchanges the V3 handshake on it."""
import socket
from enum import IntEnum

from .exceptions import SocketException


class AuthException(Exception):
    pass


class ProtocolVersion(IntEnum):
    V1 = 1
    V2 = 2
    V3 = 3


class MideaDevice:
    def __init__(self, name, device_id, device_type, ip_address, port, token, key, device_protocol, model, subtype, attributes):
        self._device_id = device_id
        self._ip_address = ip_address
        self._port = port
        self._token = bytes.fromhex(token) if token else b""
        self._key = bytes.fromhex(key) if key else b""
        self._protocol = device_protocol
        self._socket: socket.socket | None = None

    def connect(self) -> bool:
        try:
            self._socket = socket.create_connection((self._ip_address, self._port), timeout=10)
        except OSError:
            return False
        return True

    def authenticate(self) -> None:
        if self._socket is None:
            raise SocketException
        self._socket.send(b"\x83\x70" + self._token)
        response = self._socket.recv(512)
        if len(response) < 20:
            raise AuthException

    def close_socket(self) -> None:
        if self._socket is not None:
            self._socket.close()
            self._socket = None
