"""Address space of the OPC UA server (reduced): a dict of node data."""


class AddressSpace:
    def __init__(self):
        self._nodes = {}
        self._methods = {}

    def add_method_callback(self, methodid, callback):
        self._methods[methodid] = callback


class AttributeService:
    def __init__(self, aspace):
        self._aspace = aspace

    def write(self, params, user=None):
        return [self._aspace._nodes.setdefault(p.NodeId, p.Value) for p in params]
