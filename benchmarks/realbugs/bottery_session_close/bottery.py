import aiohttp


class Bottery:
    def __init__(self):
        self.session = aiohttp.ClientSession()

    async def stop(self):
        self.session.close()  # bug
