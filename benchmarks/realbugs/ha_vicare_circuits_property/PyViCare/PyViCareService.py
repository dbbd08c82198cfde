"""Stand-in for PyViCare's service: each feature lookup is a synchronous HTTPS request
(reproduction, see custom_components/vicare/climate.py)."""
import requests

API_BASE_URL = "https://api.viessmann.com/iot/v1"


class ViCareService:
    def __init__(self, token: str, installation_id: int, gateway_serial: str, device_id: str):
        self._token = token
        self._path = f"/equipment/installations/{installation_id}/gateways/{gateway_serial}/devices/{device_id}"

    def getProperty(self, property_name: str) -> dict:
        url = f"{API_BASE_URL}{self._path}/features/{property_name}"
        return requests.get(url, headers={"Authorization": f"Bearer {self._token}"}, timeout=30).json()
