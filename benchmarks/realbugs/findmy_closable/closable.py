import asyncio


class Closable:
    async def close(self):
        await asyncio.sleep(0)

    def __del__(self):
        self.close()  # bug
