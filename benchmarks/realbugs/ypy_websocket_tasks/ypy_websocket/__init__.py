from .websocket_provider import WebsocketProvider
from .websocket_server import WebsocketServer

__all__ = ["WebsocketProvider", "WebsocketServer"]
