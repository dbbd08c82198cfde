"""Stand-in: the manager's calls are synchronous (requests and the MQTT client)."""
import requests

from .YotoMQTTClient import YotoMQTTClient

BASE_URL = "https://api.yotoplay.com"


class YotoPlayerConfig:
    pass


class Token:
    def __init__(self, access_token: str):
        self.access_token = access_token


class YotoManager:
    def __init__(self, username: str, password: str) -> None:
        self.username = username
        self.password = password
        self.token = None
        self.players: dict = {}
        self.library: dict = {}
        self.mqtt_client = None
        self.callback = None

    def check_and_refresh_token(self) -> None:
        if self.token is None:
            response = requests.post(BASE_URL + "/auth/token", data={"username": self.username, "password": self.password})
            self.token = Token(response.json()["access_token"])

    def update_players_status(self) -> None:
        response = requests.get(BASE_URL + "/device-v2/devices/mine", headers={"Authorization": "Bearer " + self.token.access_token})
        self.players = {d["deviceId"]: d for d in response.json()["devices"]}

    def update_library(self) -> None:
        response = requests.get(BASE_URL + "/card/family/library", headers={"Authorization": "Bearer " + self.token.access_token})
        self.library = {c["cardId"]: c for c in response.json()["cards"]}

    def pause_player(self, player_id: str) -> None:
        self.mqtt_client.client.publish("device/" + player_id + "/command/pause")

    def connect_to_events(self, callback=None) -> None:
        self.callback = callback
        self.mqtt_client = YotoMQTTClient()
        self.mqtt_client.connect_mqtt(self.token, self.players, callback)

    def disconnect(self) -> None:
        if self.mqtt_client:
            self.mqtt_client.disconnect_mqtt()
