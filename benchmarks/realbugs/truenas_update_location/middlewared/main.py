class Middleware(object):
    def __init__(self):
        self._services = {}

    async def call(self, name, *params, pipes=None, app=None):
        service, method = name.rsplit(".", 1)
        return await getattr(self._services[service], method)(*params)

    def call_sync(self, name, *params):
        raise NotImplementedError(name)
