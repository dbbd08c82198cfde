"""Client of a Minecraft server's whitelist HTTP API (reproduction, see __init__.py)."""
import requests

from Globals import WHITELIST_HTTP_API_BASE, WHITELIST_HTTP_API_BEARER_TOKEN

HEADERS = {"authorization": f"WHA {WHITELIST_HTTP_API_BEARER_TOKEN}"}


class WhitelistHttpApi:
    def whitelist(self):
        return requests.get(WHITELIST_HTTP_API_BASE, headers=HEADERS).json()

    def add(self, username):
        requests.post(WHITELIST_HTTP_API_BASE, json={"name": username}, headers=HEADERS).raise_for_status()

    def remove(self, username):
        requests.delete(WHITELIST_HTTP_API_BASE, json={"name": username}, headers=HEADERS).raise_for_status()
