"""Home Assistant view proxying the Scrypted management console.

Reproduction of the shape reported in https://github.com/koush/ha_scrypted/issues/17 (closed as
fixed; also https://github.com/koush/scrypted/issues/1516): the async request handler of the
view (exposed as get/post through class-level aliases) read the bundled lit-core / entrypoint
files with open(...).read() on every request, on the event loop. The fix loaded them once in
the executor and awaited futures in the handler.
"""

import os

from aiohttp import web
from homeassistant.components.http import HomeAssistantView

from .const import DOMAIN


class ScryptedView(HomeAssistantView):
    name = "api:scrypted"
    url = "/api/scrypted/{token}/{path:.*}"
    requires_auth = False

    def __init__(self, hass, session) -> None:
        self.hass = hass
        self._session = session

    async def _handle(self, request: web.Request, token: str, path: str) -> web.Response:
        if path == "entrypoint.js":
            body = open(os.path.join(os.path.dirname(__file__), "entrypoint.js")).read()  # bug
            body = body.replace("__DOMAIN__", DOMAIN).replace("__TOKEN__", token)
            return web.Response(body=body, headers={"Content-Type": "text/javascript"})
        return web.Response(status=404)

    get = _handle
    post = _handle
