"""A configurable frontend for stdio-based Language Servers.

Reproduction of the shape fixed in https://github.com/jupyter-lsp/jupyterlab-lsp/pull/939 (commit
f6a9f0c6f1427588185377033cfc31d718f561b1, "fix \"coroutine 'sleep' was never awaited\""): the
coroutine LanguageServerManager.ready, awaited by the Tornado handlers (handlers.py) before they
serve a client, polls the _ready flag with a bare `asyncio.sleep(0.1)`: the sleep coroutine is
created and dropped, so the loop spins at full CPU and never yields to the initialisation it waits
for. The fix added the await.
"""
import asyncio

from traitlets import Bool
from traitlets import Dict as Dict_
from traitlets.config import LoggingConfigurable


class LanguageServerManager(LoggingConfigurable):
    language_servers = Dict_(help="a dict of language server specs").tag(config=True)

    _ready = Bool(help="""Whether the manager has been initialized""", default_value=False)

    def __init__(self, **kwargs):
        self.all_language_servers = {}
        self.sessions = {}
        self._handlers = set()
        super().__init__(**kwargs)

    def initialize(self, *args, **kwargs):
        self.init_language_servers()
        self._ready = True

    async def ready(self):
        while not self._ready:  # pragma: no cover
            asyncio.sleep(0.1)  # bug
        return True

    def init_language_servers(self) -> None:
        self.all_language_servers = dict(self.language_servers)

    def subscribe(self, handler):
        self._handlers.add(handler)

    def unsubscribe(self, handler):
        self._handlers.discard(handler)

    async def on_client_message(self, message, handler):
        session = self.sessions.get(handler.language_server)
        if session is not None:
            await session.write(message)
