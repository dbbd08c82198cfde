"""Stand-in for azure.servicebus.aio: the async client's AMQP transport builds its own SSL context
(load_verify_locations on the CA bundle) when it connects, unless one is given."""
from ._servicebus_client_async import ServiceBusClient

__all__ = ["ServiceBusClient"]
