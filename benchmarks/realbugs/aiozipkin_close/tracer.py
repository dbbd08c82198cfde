class Tracer:
    def __init__(self, transport):
        self._transport = transport

    async def close(self):
        await self._transport.close()


def create(transport):
    return Tracer(transport)
