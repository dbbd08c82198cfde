import ssl


class GoveeClient:
    async def connect(self, host):
        context = ssl.create_default_context()  # bug
        return context, host
