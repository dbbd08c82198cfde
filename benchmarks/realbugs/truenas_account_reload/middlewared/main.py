class Middleware:
    def __init__(self):
        self.services = {}

    async def call(self, name, *params):
        service, method = name.rsplit(".", 1)
        return await getattr(self.services[service], method)(*params)
