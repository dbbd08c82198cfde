"""High level OPC UA server (reduced).

Reproduction of the shape fixed in https://github.com/FreeOpcUa/opcua-asyncio/issues/74 (commit
ddfff427dcdd926555b8c4acae39d29be2436752, "async link_method"): the plain method
Server.link_method calls self.iserver.isession.add_method_callback(node.nodeid, callback), where
self.iserver is the InternalServer built in __init__ (internal_server.py), its isession an
InternalSession (internal_session.py) and add_method_callback a coroutine method, so the callback
is never linked and Python warns "coroutine 'InternalSession.add_method_callback' was never
awaited". The fix made link_method async and awaited the call.
"""
import asyncio
import logging

from .internal_server import InternalServer


class Server:
    def __init__(self, iserver: InternalServer = None, loop: asyncio.AbstractEventLoop = None):
        self.loop: asyncio.AbstractEventLoop = loop or asyncio.get_event_loop()
        self.logger = logging.getLogger(__name__)
        self.iserver = iserver if iserver else InternalServer(self.loop)

    def link_method(self, node, callback):
        """
        Link a python function to a UA method in the address space; required when a UA method has been imported
        to the address space via XML; the python executable must be linked manually
        """
        self.iserver.isession.add_method_callback(node.nodeid, callback)  # bug

    async def write_attribute_value(self, params):
        return await self.iserver.isession.write(params)
