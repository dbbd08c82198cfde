"""aiohttp client of the X-Sense cloud API (reproduction, see mqtt_helper.py)."""
import aiohttp

from .aws_signer import AWSSigner
from .house import House


class AsyncXSense:
    API = "https://api.x-sense-iot.com/app"

    def __init__(self, session: aiohttp.ClientSession):
        self.session = session
        self.signer = None
        self.houses = {}

    async def api_call(self, code, **params):
        async with self.session.post(self.API, json={"bizCode": code, **params}) as resp:
            return (await resp.json())["reData"]

    async def load_aws(self):
        data = await self.api_call("101003")
        if self.signer:
            self.signer.update(data["accessKeyId"], data["secretAccessKey"], data["sessionToken"])
        else:
            self.signer = AWSSigner(data["accessKeyId"], data["secretAccessKey"], data["sessionToken"])

    async def get_houses(self):
        return await self.api_call("102007", utctimestamp="0")

    async def get_rooms(self, house_id: str):
        return await self.api_call("102008", houseId=house_id, utctimestamp="0")

    async def get_stations(self, house_id: str):
        return await self.api_call("103007", houseId=house_id, utctimestamp="0")

    async def load_all(self):
        result = {}
        for i in await self.get_houses():
            h = House(self.signer, i["houseId"], i["houseName"], i["houseRegion"], i["mqttRegion"], i["mqttServer"])  # also
            result[i["houseId"]] = h
            if rooms := await self.get_rooms(h.house_id):
                h.set_rooms(rooms)
            if stations := await self.get_stations(h.house_id):
                h.set_stations(stations)
        self.houses = result
