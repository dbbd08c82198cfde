"""House model of an X-Sense API client (reproduction, see mqtt_helper.py)."""
from typing import Dict

from .aws_signer import AWSSigner
from .mqtt_helper import MQTTHelper


class House:
    def __init__(self, signer: AWSSigner, house_id: str, name: str, region: str, mqtt_region: str, mqtt_server: str):
        self.house_id = house_id
        self.name = name
        self.region = region
        self.mqtt_region = mqtt_region
        self.mqtt_server = mqtt_server
        self.rooms: Dict[str, dict] = {}
        self.stations: Dict[str, dict] = {}

        self.mqtt = MQTTHelper(signer, self)

    def set_rooms(self, data):
        self.rooms = data.get("houseRooms")

    def set_stations(self, data):
        self.stations = {s["stationId"]: s for s in data.get("stations", [])}
