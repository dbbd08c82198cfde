import ssl
from functools import cache
from pathlib import Path

import certifi
from aiohttp import ClientSession, TCPConnector

_EXTRA_CA_BUNDLE = Path(__file__).with_name("wyze_api_ca.pem")


@cache
def get_ssl_context():
    context = ssl.create_default_context()
    context.load_verify_locations(cafile=certifi.where())
    context.load_verify_locations(cafile=_EXTRA_CA_BUNDLE)
    return context


def _create_client_session():
    return ClientSession(connector=TCPConnector(ssl=get_ssl_context()))


class WyzeAuthLib:
    def __init__(self, token):
        self.token = token

    async def refresh(self):
        payload = {"refresh_token": self.token}
        async with _create_client_session() as session:  # bug
            response = await session.post("https://api.example.invalid/refresh_token", json=payload)
            return await response.json()
