"""Dahua HTTP API client (stand-in): every request goes through the aiohttp session it is given."""


class DahuaClient:
    def __init__(self, username, password, address, port, rtsp_port, session):
        self._username = username
        self._password = password
        self._base = f"http://{address}:{port}"
        self._rtsp_port = rtsp_port
        self._session = session

    async def get_machine_name(self) -> dict:
        async with self._session.get(self._base + "/cgi-bin/magicBox.cgi?action=getMachineName") as resp:
            return {"name": await resp.text()}
