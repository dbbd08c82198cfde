"""WMTS tile server of a tile generation chain (WSGI / Pyramid, with an asyncio tile store).

Reproduction of the shape fixed in https://github.com/camptocamp/tilecloud-chain/pull/3035 (commit
6cdd675, "Use nest_asyncio to avoid RuntimeError: This event loop is already running"): the
synchronous serve() drives the coroutines with run_until_complete on a cached loop; inside the
async _get_tile, the branch for tiles outside the layer's filter called run_until_complete again on
that same loop, which is already running it, and raised. The maintainers patched the loop with
nest_asyncio.apply().
"""
import asyncio
import logging
from typing import Any, Generic, TypeVar

import tilecloud_chain
from tilecloud_chain import internal_mapcache

_LOGGER = logging.getLogger(__name__)
_EVENT_LOOP: asyncio.AbstractEventLoop | None = None
_TILEGENERATION = object()

Response = TypeVar("Response")


class Server(Generic[Response]):
    def __init__(self) -> None:
        self.filters: dict[str, tilecloud_chain.IntersectGeometryFilter] = {}
        self.stores: dict[str, Any] = {}

    def get_max_zoom_seed(self, config, layer_name: str, grid_name: str) -> int:
        return config["layers"][layer_name].get("max_zoom_seed", 18)

    def get_filter(self, config, layer_name: str):
        return self.filters.get(layer_name)

    def get_store(self, config, layer_name: str, grid_name: str):
        return self.stores.get(layer_name)

    def get_host(self, **kwargs: Any) -> str:
        return kwargs.get("host", "localhost")

    def _get_event_loop(self) -> asyncio.AbstractEventLoop:
        global _EVENT_LOOP  # pylint: disable=global-statement
        if _EVENT_LOOP is not None:
            return _EVENT_LOOP
        try:
            _EVENT_LOOP = asyncio.get_event_loop()
        except RuntimeError:
            _EVENT_LOOP = asyncio.new_event_loop()
            asyncio.set_event_loop(_EVENT_LOOP)
            return _EVENT_LOOP
        else:
            return _EVENT_LOOP

    def serve(self, path: list[str] | None, params: dict[str, str], config, **kwargs: Any) -> Response:
        """Serve the WMTS requests."""
        if not config:
            return self.error(config, 404, "No configuration file found for the host", **kwargs)
        try:
            layer = config["layers"].get(params["LAYER"])
            if layer is None:
                return self.error(config, 400, f"Wrong Layer '{params['LAYER']}'", **kwargs)
            tile = (int(params["TILEMATRIX"]), int(params["TILECOL"]), int(params["TILEROW"]))
            if params["REQUEST"] != "GetTile":
                return self.error(config, 400, f"Wrong Request '{params['REQUEST']}'", **kwargs)
            return self._get_event_loop().run_until_complete(
                self._get_tile(config, layer, tile, params, **kwargs),
            )
        except Exception:
            _LOGGER.exception("An unknown error occurred")
            raise

    async def _get_tile(self, config, layer, tile, params: dict[str, str], **kwargs: Any) -> Response:
        if tile[0] > self.get_max_zoom_seed(config, params["LAYER"], params["TILEMATRIXSET"]):
            return await self._map_cache(config, layer, tile, kwargs)

        layer_filter = self.get_filter(config, params["LAYER"])
        if layer_filter:
            if not layer_filter.filter_tilecoord(
                config, tile, params["LAYER"], params["TILEMATRIXSET"], host=self.get_host(**kwargs)
            ):
                return self._get_event_loop().run_until_complete(self._map_cache(config, layer, tile, kwargs))  # bug

        store = self.get_store(config, params["LAYER"], params["TILEMATRIXSET"])
        if store is None:
            return self.error(config, 400, f"No store found for layer '{params['LAYER']}'", **kwargs)
        tile2 = await store.get_one(tile)
        if tile2 and tile2.data is not None:
            return self.response(config, tile2.data, headers={"Content-Type": tile2.content_type}, **kwargs)
        return self.error(config, 204, **kwargs)

    async def _map_cache(self, config, layer, tile, kwargs: dict[str, Any]) -> Response:
        """Get the tile on a cache of tile."""
        return await internal_mapcache.fetch(config, self, _TILEGENERATION, layer, tile, kwargs)

    def error(self, config, code: int, message: str = "", **kwargs: Any) -> Response:
        raise NotImplementedError

    def response(self, config, data: bytes, headers: dict[str, str], **kwargs: Any) -> Response:
        raise NotImplementedError


class WsgiServer(Server[list[bytes]]):
    def __call__(self, environ, start_response):
        params = dict(p.split("=", 1) for p in environ.get("QUERY_STRING", "").split("&") if "=" in p)
        return self.serve(None, params, environ.get("tilecloud.config"), start_response=start_response)

    def error(self, config, code: int, message: str = "", **kwargs: Any) -> list[bytes]:
        kwargs["start_response"](f"{code} Error", [])
        return [message.encode()]

    def response(self, config, data: bytes, headers: dict[str, str], **kwargs: Any) -> list[bytes]:
        kwargs["start_response"]("200 OK", list(headers.items()))
        return [data]
