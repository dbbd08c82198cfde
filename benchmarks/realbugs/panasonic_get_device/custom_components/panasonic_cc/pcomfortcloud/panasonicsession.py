"""Authenticated aiohttp session of a Panasonic Comfort Cloud client (reproduction, see apiclient.py)."""
import aiohttp


def check_response(response: aiohttp.ClientResponse, function_description, expected_status):
    if response.status != expected_status:
        raise RuntimeError(f"{function_description}: HTTP {response.status}")


class PanasonicSession:
    BASE_URL = "https://accsmart.panasonic.com"

    def __init__(self, username, password, client: aiohttp.ClientSession, raw=False):
        self._username = username
        self._password = password
        self._client = client
        self._raw = raw
        self._token = None

    async def start_session(self):
        self._token = {"access_token": "..."}

    async def _get_header_for_api_calls(self):
        return {"X-User-Authorization-V2": "Bearer " + self._token["access_token"]}

    async def execute_post(self, url, json_data, function_description, expected_status_code):
        response = await self._client.post(url, json=json_data, headers=await self._get_header_for_api_calls())
        check_response(response, function_description, expected_status_code)
        return await response.json()

    async def execute_get(self, url, function_description, expected_status_code):
        response = await self._client.get(url, headers=await self._get_header_for_api_calls())
        check_response(response, function_description, expected_status_code)
        return await response.json()
