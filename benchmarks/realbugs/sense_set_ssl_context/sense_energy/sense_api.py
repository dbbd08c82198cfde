"""Shared base of the sync and async Sense clients (reproduction, see asyncsenseable.py).

The base __init__ calls self.set_ssl_context(...), which the async subclass overrides.
"""
import uuid

API_URL = "https://api.sense.com/apiservice/api/v1/"
API_TIMEOUT = 5


class SenseableBase:
    def __init__(self, username=None, password=None, api_timeout=API_TIMEOUT,
                 ssl_verify=True, ssl_cafile="", device_id=None):
        self.api_timeout = api_timeout
        self._realtime = {}
        self._devices = []
        self.set_ssl_context(ssl_verify, ssl_cafile)
        self.device_id = device_id or str(uuid.uuid4()).replace("-", "")
        self.headers = {"x-sense-device-id": self.device_id}
        if username and password:
            self.authenticate(username, password)

    def set_ssl_context(self, ssl_verify, ssl_cafile):
        raise NotImplementedError

    def authenticate(self, username, password, ssl_verify=True, ssl_cafile=""):
        raise NotImplementedError

    def _set_auth_data(self, data):
        self.sense_access_token = data["access_token"]
        self.headers = {
            "x-sense-device-id": self.device_id,
            "Authorization": "bearer {}".format(self.sense_access_token),
        }
