"""Service-discovery client (Eureka) with an asyncio API.

Reproduction of the shape fixed in https://github.com/keijack/python-eureka-client/pull/94 ("Fix
async concurrency by replacing threading.RLock with asyncio.Lock"; the code read here is the
repository's release 0.13.2, commit 96ab151, the last before the fix): __init__ sets
self.__net_lock = RLock() (`from threading import RLock, Timer`), and the async
__try_eureka_servers_in_list does `with self.__net_lock:` around `await fun(url)` for each server
URL; every register/heartbeat/discovery/do_service call goes through it. The fix used asyncio.Lock
with `async with`.
"""
import logging
from threading import RLock, Timer
from typing import Callable, Dict, List

import py_eureka_client.http_client as http_client

_logger = logging.getLogger(__name__)
_DEFAUTL_ZONE = "default"


class EurekaServerConnectionException(http_client.URLError):
    pass


class EurekaClient:
    def __init__(self, servers: Dict[str, List[str]], app_name: str = "", renewal_interval_in_secs: int = 30):
        self.__net_lock = RLock()
        self.__servers = servers
        self.__app_name = app_name
        self.__cache_eureka_url: Dict[str, str] = {}
        self.__heartbeat_timer = Timer(renewal_interval_in_secs, lambda: None)

    async def __try_eureka_servers_in_list(self, fun: Callable, eureka_servers=[], zone=_DEFAUTL_ZONE):
        with self.__net_lock:  # bug
            ok = False
            _zone = zone if zone else _DEFAUTL_ZONE
            for url in eureka_servers:
                url = url.strip()
                try:
                    await fun(url)
                except (http_client.HTTPError, http_client.URLError):
                    _logger.warning(f"Eureka server [{url}] is down, use next url to try.")
                else:
                    ok = True
                    self.__cache_eureka_url[_zone] = url
                    break

            if not ok:
                if _zone in self.__cache_eureka_url:
                    del self.__cache_eureka_url[_zone]
                raise EurekaServerConnectionException(f"All eureka servers in zone[{_zone}] are down!")

    async def __connect_to_eureka_server(self, fun: Callable):
        for zone, urls in self.__servers.items():
            try:
                await self.__try_eureka_servers_in_list(fun, urls, zone)
            except EurekaServerConnectionException:
                _logger.warning(f"try eureka servers in zone[{zone}] error!")
            else:
                return
        raise EurekaServerConnectionException("All eureka servers in all zone are down!")

    async def send_heartbeat(self):
        async def do_send_heartbeat(url):
            await http_client.http_request(f"{url}/apps/{self.__app_name}", method="PUT")

        await self.__connect_to_eureka_server(do_send_heartbeat)
