from enum import Enum


class MergeabilityResponse(Enum):
    OK = 1
    NEEDS_UPDATE = 2
    NOT_MERGEABLE = 3


class PR:
    def __init__(self, number, client):
        self.number = number
        self.client = client

    async def set_status(self, summary):
        await self.client.create_notification(self.number, summary)

    async def mergeability(self):
        return await self.client.get_mergeability(self.number)

    async def update(self):
        return await self.client.update_branch(self.number)
