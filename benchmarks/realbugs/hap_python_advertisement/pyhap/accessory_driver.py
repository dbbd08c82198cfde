import asyncio

from zeroconf.asyncio import AsyncZeroconf


def callback(func):
    func._hass_callback = True
    return func


class AccessoryDriver:
    def __init__(self, loop, accessory, state):
        self.loop = loop
        self.accessory = accessory
        self.state = state
        self.advertiser = AsyncZeroconf()
        self.mdns_service_info = None

    def update_advertisement(self):
        self.loop.call_soon_threadsafe(self.async_update_advertisement)

    @callback
    def async_update_advertisement(self):
        self.mdns_service_info = self.accessory.service_info(self.state)
        asyncio.ensure_future(self.advertiser.async_update_service(self.mdns_service_info))  # bug
