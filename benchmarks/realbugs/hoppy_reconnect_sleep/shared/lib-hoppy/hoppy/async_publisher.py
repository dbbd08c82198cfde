"""Publisher of an asyncio RabbitMQ client library (reproduction, see base_channel_opener.py)."""
from hoppy.base_queue_client import BaseQueueClient


class AsyncPublisher(BaseQueueClient):
    def __init__(self, config: dict | None = None, routing_key: str = ""):
        super().__init__(config)
        self.routing_key = routing_key

    def _on_channel_open(self, channel):
        super()._on_channel_open(channel)
        self._is_ready = True

    def _shut_down(self):
        if self._channel is not None:
            self._channel.close()

    def publish(self, body: bytes, properties=None):
        self._channel.basic_publish(exchange="", routing_key=self.routing_key, body=body, properties=properties)
