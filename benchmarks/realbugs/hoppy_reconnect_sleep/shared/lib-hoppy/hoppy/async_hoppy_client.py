"""Request/reply client of an asyncio RabbitMQ library (reproduction, see base_channel_opener.py)."""
import asyncio

from hoppy.async_publisher import AsyncPublisher


class AsyncHoppyClient:
    def __init__(self, name: str, config: dict, request_routing_key: str):
        self.name = name
        self.config = config
        self.async_publisher = AsyncPublisher(config=config, routing_key=request_routing_key)

    async def start(self, loop):
        self.async_publisher.connect(loop)
        while not self.async_publisher.is_ready:
            await asyncio.sleep(0)

    async def make_request(self, body: bytes):
        self.async_publisher.publish(body)
