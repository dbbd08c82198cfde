"""Kia UVO API client (reproduction, see Vehicle.py): synchronous requests calls."""
import logging
import uuid

import requests

from .const import DOMAIN, SPA_API_URL, USER_API_URL
from .Token import Token

_LOGGER = logging.getLogger(__name__)


class KiaUvoApi:
    def __init__(self, username, password):
        self.username = username
        self.password = password

    def login(self) -> Token:
        url = SPA_API_URL + "notifications/register"
        payload = {"pushRegId": "1", "pushType": "GCM", "uuid": str(uuid.uuid1())}
        response = requests.post(url, headers={"Content-Type": "application/json;charset=UTF-8"}, json=payload)
        device_id = response.json()["resMsg"]["deviceId"]
        _LOGGER.debug(f"{DOMAIN} - Get Device ID response {device_id}")

        session = requests.Session()
        session.get(USER_API_URL + "oauth2/authorize?response_type=code&state=test")
        cookies = session.cookies.get_dict()
        response = requests.post(
            USER_API_URL + "signin", json={"email": self.username, "password": self.password}, cookies=cookies
        )
        access = response.json()
        return Token({"access_token": access.get("access_token"), "device_id": device_id, "valid_until": access.get("valid_until", "")})

    def get_cached_vehicle_status(self, token: Token):
        response = requests.get(
            SPA_API_URL + "vehicles/" + token.vehicle_id + "/status/latest",
            headers={"Authorization": token.access_token},
        )
        return response.json()["resMsg"]["vehicleStatusInfo"]
