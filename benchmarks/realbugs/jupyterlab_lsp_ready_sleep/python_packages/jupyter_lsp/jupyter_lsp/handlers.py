"""Tornado handlers (reproduction, see manager.py)."""
from jupyter_server.base.handlers import JupyterHandler
from jupyter_server.base.zmqhandlers import WebSocketHandler, WebSocketMixin

from .manager import LanguageServerManager


class BaseHandler(JupyterHandler):
    manager = None  # type: LanguageServerManager

    def initialize(self, manager: LanguageServerManager):
        self.manager = manager


class LanguageServerWebSocketHandler(WebSocketMixin, WebSocketHandler, BaseHandler):
    language_server = None

    async def open(self, language_server):
        await self.manager.ready()
        self.language_server = language_server
        self.manager.subscribe(self)

    async def on_message(self, message):
        await self.manager.on_client_message(message, self)

    def on_close(self):
        self.manager.unsubscribe(self)


class LanguageServersHandler(BaseHandler):
    async def get(self):
        await self.manager.ready()
        self.finish({"version": 2, "sessions": {}, "specs": self.manager.all_language_servers})
