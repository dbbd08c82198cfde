"""Torrent health checks (see ../../utilities/tiny_tribler_service.py): several tracker round trips."""
import asyncio


class TorrentChecker:
    def __init__(self, trackers, notifier):
        self.trackers = trackers
        self.notifier = notifier

    async def check_torrent_health(self, infohash: bytes, timeout: int = 20, scrape_now: bool = False):
        urls = self.trackers.urls_for(infohash)
        replies = await asyncio.gather(
            *(self.trackers.scrape(url, infohash, timeout) for url in urls), return_exceptions=True
        )
        health = {u: r for u, r in zip(urls, replies) if not isinstance(r, BaseException)}
        self.notifier.torrent_health(infohash, health)
        return health
