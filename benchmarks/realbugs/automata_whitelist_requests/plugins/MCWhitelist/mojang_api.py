"""Client of the Mojang profile API with a Mongo cache (reproduction, see __init__.py)."""
from datetime import datetime

import requests

from Globals import mongo_client

USERNAME_BASE = "https://api.mojang.example/users/profiles/minecraft"
PROFILE_BASE = "https://sessionserver.mojang.example/session/minecraft/profile"


class MojangAPI:
    def __init__(self):
        self.profile_cache = mongo_client.automata.mojangapi_profile_cache

    def info_from_username(self, username):
        resp = requests.get(f"{USERNAME_BASE}/{username}")
        if resp.status_code == 200:
            return resp.json()

    async def profile_from_uuid(self, uuid):
        cached = await self.profile_cache.find_one({"uuid": uuid})
        if cached is not None:
            return cached["data"]

        resp = requests.get(f"{PROFILE_BASE}/{uuid}")  # also
        data = resp.json() if resp.status_code == 200 else None
        await self.profile_cache.insert_one({"datetime": datetime.utcnow(), "uuid": uuid, "data": data})
        return data
