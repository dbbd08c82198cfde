"""The player's HTTP client: plain methods over the synchronous requests library."""

import requests


class ZidooRC:
    def __init__(self, host: str) -> None:
        self._host = host

    def _req_json(self, path: str) -> dict:
        response = requests.get(f"http://{self._host}:9529/{path}", timeout=5)
        return response.json()

    def get_status(self) -> dict:
        return self._req_json("ZidooVideoPlay/getPlayStatus")
