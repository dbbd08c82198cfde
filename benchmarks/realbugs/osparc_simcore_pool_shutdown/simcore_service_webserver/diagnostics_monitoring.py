"""Prometheus metrics of the web server (reproduction, see servicelib/archiving_utils.py)."""
import concurrent.futures

import prometheus_client
from aiohttp import web
from prometheus_client import CONTENT_TYPE_LATEST
from prometheus_client.registry import CollectorRegistry

kCOLLECTOR_REGISTRY = f"{__name__}.collector_registry"


def get_collector_registry(app: web.Application) -> CollectorRegistry:
    return app[kCOLLECTOR_REGISTRY]


async def metrics_handler(request: web.Request):
    registry = get_collector_registry(request.app)
    with concurrent.futures.ThreadPoolExecutor() as pool:  # bug
        # a process pool cannot take the registry: it does not pickle
        result = await request.loop.run_in_executor(pool, prometheus_client.generate_latest, registry)
        response = web.Response(body=result)
        response.content_type = CONTENT_TYPE_LATEST
        return response


def setup_monitoring(app: web.Application):
    app[kCOLLECTOR_REGISTRY] = CollectorRegistry(auto_describe=True)
    app.router.add_get("/metrics", metrics_handler)
