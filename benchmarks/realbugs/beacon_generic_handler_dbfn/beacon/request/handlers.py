"""Request handlers of the beacon API (reduced to generic_handler).

Reproduction of the shape fixed in https://github.com/EGA-archive/beacon2-ri-api/pull/333 (commit
b311fc54a6f78ba9442915005d4c245e0555dfa3, "thread pool implemented"): generic_handler(db_fn)
returns the aiohttp coroutine wrapper; routes.py builds one per endpoint with a synchronous query
function of beacon/db (pymongo), e.g. generic_handler(db_fn=individuals.get_individuals), and the
wrapper calls db_fn(entry_id, qparams, dataset) for every dataset on the event loop. The fix ran the
call with `await loop.run_in_executor(pool, db_fn, entry_id, qparams, dataset)`.
"""
import logging

import yaml
from aiohttp import web
from aiohttp.web_request import Request

LOG = logging.getLogger(__name__)


def generic_handler(db_fn, request=None):
    async def wrapper(request: Request):
        json_body = await request.json() if request.method == "POST" and request.has_body and request.can_read_body else {}
        qparams = request.app["request_params"](json_body, request)
        response_datasets = json_body.get("datasets", [])
        username = request.headers.get("X-User", "public")

        if username != "public":
            with open("/beacon/beacon/request/response_type.yml", "r") as response_type_file:  # also
                response_type_dict = yaml.safe_load(response_type_file)
            LOG.debug(response_type_dict.get(username))

        entry_id = request.match_info.get("id", None)
        datasets_docs = {}
        datasets_count = {}
        new_count = 0
        for dataset in response_datasets:
            entity_schema, count, dataset_count, records = db_fn(entry_id, qparams, dataset)  # bug

            if dataset_count != -1:
                new_count += dataset_count
                datasets_docs[dataset] = records
                datasets_count[dataset] = dataset_count

        return web.json_response({"count": new_count, "datasets": datasets_count})

    return wrapper
