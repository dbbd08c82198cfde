"""Mikrotik API client (reproduction, see switch.py): synchronous librouteros calls under a threading lock."""
import logging
import ssl
from threading import Lock
from time import time

import librouteros

_LOGGER = logging.getLogger(__name__)


class MikrotikAPI:
    """Handle all communication with the Mikrotik API."""

    def __init__(self, host, username, password, port=0, use_ssl=True, ssl_verify=True):
        self._host = host
        self._username = username
        self._password = password
        self._port = port
        self._use_ssl = use_ssl
        self._ssl_verify = ssl_verify
        self._ssl_wrapper = None
        self.lock = Lock()
        self._connection = None
        self._connected = False
        self._connection_epoch = 0
        self._connection_retry_sec = 58

    def connection_check(self) -> bool:
        if not self._connected or not self._connection:
            if self._connection_epoch > time() - self._connection_retry_sec:
                return False
            if not self.connect():
                return False
        return True

    def disconnect(self, location="unknown", error=None):
        _LOGGER.debug("Mikrotik %s disconnected (%s): %s", self._host, location, error)
        self._connected = False
        self._connection = None

    def connect(self) -> bool:
        self._connected = False
        self._connection_epoch = time()
        kwargs = {"port": self._port}
        with self.lock:
            try:
                if self._use_ssl:
                    if self._ssl_wrapper is None:
                        ssl_context = ssl.create_default_context()
                        if not self._ssl_verify:
                            ssl_context.check_hostname = False
                            ssl_context.verify_mode = ssl.CERT_NONE
                        self._ssl_wrapper = ssl_context.wrap_socket
                    kwargs["ssl_wrapper"] = self._ssl_wrapper
                self._connection = librouteros.connect(self._host, self._username, self._password, **kwargs)
            except Exception:
                self._connection = None
                return False
        self._connected = True
        return True

    def set_value(self, path, param, value, mod_param, mod_value) -> bool:
        entry_found = None
        if not self.connection_check():
            return False
        with self.lock:
            try:
                response = self._connection.path(path)
                if not response:
                    return False
                for tmp in response:
                    if param in tmp and tmp[param] == value:
                        entry_found = tmp[".id"]
                if not entry_found:
                    return False
                response.update(**{".id": entry_found, mod_param: mod_value})
            except Exception as e:
                self.disconnect("set_value", e)
                return False
        return True

    def execute(self, path, command, param, value, attributes=None) -> bool:
        entry_found = None
        params = {}
        if not self.connection_check():
            return False
        with self.lock:
            try:
                response = self._connection.path(path)
                if not response:
                    return False
                if param:
                    for tmp in response:
                        if param in tmp and tmp[param] == value:
                            entry_found = tmp[".id"]
                    if not entry_found:
                        return False
                    params = {".id": entry_found}
                if attributes:
                    params.update(attributes)
                tuple(response(command, **params))
            except Exception as e:
                self.disconnect("execute", e)
                return False
        return True
