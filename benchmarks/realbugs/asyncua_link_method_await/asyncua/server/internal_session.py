"""Internal session of the OPC UA server (reduced)."""


class InternalSession:
    def __init__(self, internal_server, aspace, name, user=None):
        self.iserver = internal_server
        self.aspace = aspace
        self.name = name
        self.user = user

    async def add_method_callback(self, methodid, callback):
        return self.aspace.add_method_callback(methodid, callback)

    async def write(self, params):
        return self.iserver.attribute_service.write(params, self.user)
