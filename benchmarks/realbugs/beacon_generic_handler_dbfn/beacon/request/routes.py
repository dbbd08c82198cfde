from aiohttp import web

from beacon.db import individuals
from beacon.request.handlers import generic_handler

routes = [
    web.get("/api/individuals", generic_handler(db_fn=individuals.get_individuals)),
    web.post("/api/individuals", generic_handler(db_fn=individuals.get_individuals)),
    web.get("/api/individuals/{id}", generic_handler(db_fn=individuals.get_individuals)),
]
