import asyncio

from watchdog.events import PatternMatchingEventHandler


class PyCodeEventHandler(PatternMatchingEventHandler):
    def __init__(self, app, loop: asyncio.AbstractEventLoop):
        super().__init__(patterns=["*.py"])
        self._app = app
        self._loop = loop

    def on_any_event(self, event):
        self._loop.create_task(self.src_reload_when_live())  # bug

    async def src_reload_when_live(self, checks=20):
        for _ in range(checks):
            if self._app["websockets"]:
                break
            await asyncio.sleep(0.1)
