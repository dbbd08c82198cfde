"""Stand-in for midea-local's async cloud client (reproduction, see custom_components/midea_ac_lan/config_flow.py)."""
from aiohttp import ClientSession


class MideaCloud:
    def __init__(self, session: ClientSession, account: str, password: str) -> None:
        self._session = session
        self._account = account
        self._password = password

    async def get_cloud_keys(self, appliance_id: int) -> dict:
        async with self._session.post("https://mp-prod.appsmb.com/v1/iot/secure/getToken", json={"udpid": appliance_id}) as resp:
            data = await resp.json()
        return {1: {"token": data.get("token", ""), "key": data.get("key", "")}}

    @staticmethod
    async def get_default_keys() -> dict:
        return {99: {"token": "ee755a84a115703768bcc7c6c13d3d62", "key": "ed37bd31558a4b039aaf4e7a7a59aa7a"}}
