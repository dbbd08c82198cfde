import time


class Bot:
    async def send(self, channel, text):
        for attempt in range(5):
            ok = await self.submit(channel, text)
            if ok:
                return True
            time.sleep(attempt)  # bug
        return False

    async def submit(self, channel, text):
        return bool(channel and text)
