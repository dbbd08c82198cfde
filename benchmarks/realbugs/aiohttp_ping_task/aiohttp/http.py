from .http_websocket import WebSocketWriter as WebSocketWriter

__all__ = ("WebSocketWriter",)
