"""Stand-in: ServiceBusClient and its receiver (see __init__.py)."""
import asyncio
import ssl

import certifi


class AsyncTransport:
    def __init__(self, host: str, ssl_context=None):
        self.host = host
        self.sslopts = ssl_context
        self.reader = self.writer = None

    def _build_ssl_context(self):
        if self.sslopts is not None:
            return self.sslopts
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
        context.load_verify_locations(certifi.where())
        return context

    async def connect(self):
        self.reader, self.writer = await asyncio.open_connection(self.host, 5671, ssl=self._build_ssl_context())  # also

    async def close(self):
        if self.writer:
            self.writer.close()


class ServiceBusReceiver:
    def __init__(self, host: str, topic_name: str, subscription_name: str, ssl_context=None):
        self._transport = AsyncTransport(host, ssl_context=ssl_context)
        self.entity = f"{topic_name}/Subscriptions/{subscription_name}"

    async def __aenter__(self):
        await self._transport.connect()
        return self

    async def __aexit__(self, *exc):
        await self._transport.close()

    def __aiter__(self):
        return self

    async def __anext__(self):
        line = await self._transport.reader.readline()
        if not line:
            raise StopAsyncIteration
        return type("ServiceBusReceivedMessage", (), {"body": [line]})()

    async def complete_message(self, message) -> None:
        self._transport.writer.write(b"complete\n")

    async def close(self) -> None:
        await self._transport.close()


class ServiceBusClient:
    def __init__(self, host: str, ssl_context=None):
        self.host = host
        self._ssl_context = ssl_context

    @classmethod
    def from_connection_string(cls, conn_str: str, **kwargs):
        host = conn_str.split("sb://", 1)[1].split("/", 1)[0]
        return cls(host, ssl_context=kwargs.get("ssl_context"))

    def get_subscription_receiver(self, topic_name: str, subscription_name: str):
        return ServiceBusReceiver(self.host, topic_name, subscription_name, ssl_context=self._ssl_context)

    async def __aenter__(self):
        return self

    async def __aexit__(self, *exc):
        return None
