import json
import os


class ZonneplanApi:
    def __init__(self, session):
        self._session = session
        self._request_headers = {
            "content-type": "application/json;charset=utf-8",
            "x-ha-integration": self._get_integration_version(),
        }

    def _get_integration_version(self):
        here = os.path.dirname(os.path.abspath(__file__))
        handle = open(here + "/../manifest.json")
        return json.load(handle)["version"]
