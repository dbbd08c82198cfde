"""Internal server of the OPC UA server (reduced): owns the address space and the internal session."""
import asyncio

from .address_space import AddressSpace, AttributeService
from .internal_session import InternalSession


class InternalServer:
    def __init__(self, loop: asyncio.AbstractEventLoop):
        self.loop = loop
        self.aspace = AddressSpace()
        self.attribute_service = AttributeService(self.aspace)
        self.isession = InternalSession(self, self.aspace, "Internal")
