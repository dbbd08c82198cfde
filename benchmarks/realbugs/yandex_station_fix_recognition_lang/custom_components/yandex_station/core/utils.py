"""Helpers of the integration (see ../__init__.py)."""
import logging

from aiohttp import web
from homeassistant.components import frontend
from homeassistant.components.http import HomeAssistantView

_LOGGER = logging.getLogger(__name__)

MARKER = b"this.recognition.lang="


def fix_recognition_lang(hass, folder: str, lang: str) -> None:
    """Find the frontend chunk that sets the speech recognition language and serve a copy of it
    with `lang` in place of en-US, registered ahead of the frontend's own route."""
    root = frontend._frontend_root(None) / folder
    for chunk in root.iterdir():
        if chunk.suffix != ".js":
            continue
        with open(chunk, "rb") as fh:
            content = fh.read()
        if MARKER not in content:
            continue
        patched = content.replace(b"en-US", lang.encode())

        async def serve(request: web.Request) -> web.Response:
            return web.Response(body=patched, content_type="application/javascript")

        hass.http.app.router.add_get(f"/{folder}/{chunk.name}", serve)
        _LOGGER.debug("recognition language of %s set to %s", chunk.name, lang)
        return


class StreamingView(HomeAssistantView):
    """proxies the media links handed to the speakers"""

    requires_auth = False
    url = "/api/yandex_station/{sid}.{ext}"
    name = "api:yandex_station"
    links: dict = {}

    def __init__(self, hass):
        self.hass = hass

    async def get(self, request: web.Request, sid: str, ext: str):
        url = self.links.get(sid)
        if not url:
            return web.HTTPNotFound()
        raise web.HTTPFound(url)
