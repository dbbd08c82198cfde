class Service:
    def __init__(self, middleware):
        self.middleware = middleware


class CRUDService(Service):
    async def get_instance(self, pk):
        return await self.middleware.call(f"{self._config.namespace}.query", [["id", "=", pk]])
