import asyncio
import time


class CouchbaseSearch:
    def __init__(self, bucket, scope_name, collection_name, overwrite=False):
        self.bucket = bucket
        self.scope_name = scope_name
        self.collection_name = collection_name
        self.overwrite = overwrite

    async def _async_create_collection_and_scope(self):
        collection_manager = self.bucket.collections()
        if self.overwrite:
            await collection_manager.drop_collection(self.collection_name, self.scope_name)
            time.sleep(1)  # bug
        await collection_manager.create_collection(self.collection_name, self.scope_name)

    async def _async_wait_for_index_ready(self):
        while not await self.bucket.index_ready():
            await asyncio.sleep(1)
