"""Vítimas da Intolerância: a Sanic page listing the cases read from a spreadsheet.

Reproduction of the shape reported in https://github.com/okfn-brasil/vitimas-da-intolerancia/issues/2
("Use aiohttp instead of requests", fixed by commit a4f6717 "Replace requests by aiohttp"): the
async Sanic view reads the `cases` property of a module-level Data instance (another module);
the property reads the synchronous Redis cache and, on a miss, downloads both spreadsheets with
requests.get through reload_from_google_spreadsheet and get.
"""
from sanic import Sanic
from sanic_jinja2 import SanicJinja2

from violence.data import Data
from violence.settings import REFRESH_CACHE_ON_LOAD

app = Sanic()
jinja = SanicJinja2(app, pkg_name="violence")
app_data = Data(refresh_cache=REFRESH_CACHE_ON_LOAD)


@app.route("/")
@jinja.template("index.html")
async def test(request):
    return {"cases": app_data.cases}  # bug
