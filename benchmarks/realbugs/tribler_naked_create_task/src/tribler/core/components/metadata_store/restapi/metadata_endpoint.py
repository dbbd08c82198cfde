"""REST endpoint /metadata (see ../../../utilities/tiny_tribler_service.py)."""
from asyncio import create_task
from binascii import unhexlify

from aiohttp import web
from ipv8.REST.base_endpoint import HTTP_BAD_REQUEST, RESTEndpoint, RESTResponse

from tribler.core.components.torrent_checker.torrent_checker import TorrentChecker


class MetadataEndpoint(RESTEndpoint):
    def __init__(self, torrent_checker: TorrentChecker, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.torrent_checker = torrent_checker

    def setup_routes(self):
        self.app.add_routes([web.get("/torrents/{infohash}/health", self.get_torrent_health)])

    async def get_torrent_health(self, request):
        """Start a health check of the torrent; the result arrives later as an event."""
        try:
            timeout = int(request.query.get("timeout", 20))
        except ValueError as err:
            return RESTResponse({"error": str(err)}, status=HTTP_BAD_REQUEST)
        infohash = unhexlify(request.match_info["infohash"])
        create_task(self.torrent_checker.check_torrent_health(infohash, timeout=timeout, scrape_now=True))  # bug
        return RESTResponse({"checking": "1"})
