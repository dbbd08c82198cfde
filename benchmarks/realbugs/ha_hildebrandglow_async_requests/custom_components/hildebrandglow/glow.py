"""Classes for interacting with the Glowmarkt API.

Reproduction of the shape fixed in https://github.com/unlobito/ha-hildebrandglow/issues/2 (PR #8,
commit 9e544b196ad6da486f6f3e88a36fd49d490bcc08, "Refresh access token during sensor startup"):
the API bindings are async methods whose bodies call the synchronous requests.post / requests.get;
the config flow awaits Glow.authenticate, the sensor platform's setup awaits
glow.retrieve_resources() and each sensor's async_update awaits glow.current_usage(...) (sensor.py,
config_flow.py). The report shows Home Assistant's "Detected I/O inside the event loop" at the
requests.get. The fix made the three methods plain and called them with
hass.async_add_executor_job; their requests lines are marked.
"""
from pprint import pprint
from typing import Any, Dict, List

import requests
from homeassistant import exceptions


class Glow:
    """Bindings for the Hildebrand Glow Platform API."""

    BASE_URL = "https://api.glowmarkt.com/api/v0-1"

    def __init__(self, app_id: str, token: str):
        self.app_id = app_id
        self.token = token

    @classmethod
    async def authenticate(cls, app_id: str, username: str, password: str) -> Dict[str, Any]:
        url = f"{cls.BASE_URL}/auth"
        auth = {"username": username, "password": password}
        headers = {"applicationId": app_id}
        try:
            response = requests.post(url, json=auth, headers=headers)  # bug
        except requests.Timeout:
            raise CannotConnect
        data = response.json()
        if data["valid"]:
            return data
        pprint(data)
        raise InvalidAuth

    async def retrieve_resources(self) -> List[Dict[str, Any]]:
        url = f"{self.BASE_URL}/resource"
        headers = {"applicationId": self.app_id, "token": self.token}
        try:
            response = requests.get(url, headers=headers)  # bug
        except requests.Timeout:
            raise CannotConnect
        if response.status_code != 200:
            raise InvalidAuth
        return response.json()

    async def current_usage(self, resource: Dict[str, Any]) -> Dict[str, Any]:
        url = f"{self.BASE_URL}/resource/{resource}/current"
        headers = {"applicationId": self.app_id, "token": self.token}
        try:
            response = requests.get(url, headers=headers)  # bug
        except requests.Timeout:
            raise CannotConnect
        if response.status_code != 200:
            raise InvalidAuth
        return response.json()


class CannotConnect(exceptions.HomeAssistantError):
    """Error to indicate we cannot connect."""


class InvalidAuth(exceptions.HomeAssistantError):
    """Error to indicate there is invalid auth."""
