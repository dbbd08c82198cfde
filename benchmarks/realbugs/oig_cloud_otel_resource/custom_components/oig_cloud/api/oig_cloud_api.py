import aiohttp


class OigCloudApi:
    def __init__(self, username, password, no_telemetry, hass):
        self._username = username
        self._password = password
        self._hass = hass

    async def authenticate(self) -> bool:
        async with aiohttp.ClientSession() as session:
            async with session.post("https://www.oigpower.cz/cez/inc/php/scripts/Login.php") as r:
                return r.status == 200
