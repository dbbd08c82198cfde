"""GeoParquet features and vector tiles served from DuckDB.

Reproduction of the shape fixed in https://github.com/bmcandr/fast-geoparquet-features/pull/15:
the routes were `async def` but ran DuckDB queries (a cursor handed in by Depends, typed
duckdb.DuckDBPyConnection) directly and through sync helpers of the same module, so every query
blocked the event loop. The fix declared the routes with plain `def`.
"""

from contextlib import asynccontextmanager

import duckdb
from fastapi import Depends, FastAPI, Query, Request, Response


@asynccontextmanager
async def lifespan(app: FastAPI):
    app.state.db = duckdb.connect()
    yield
    app.state.db.close()


app = FastAPI(lifespan=lifespan)


def duckdb_cursor(request: Request) -> duckdb.DuckDBPyConnection:
    return request.app.state.db.cursor()


def base_rel(*, con: duckdb.DuckDBPyConnection, url: str, bbox: tuple | None):
    where = ""
    if bbox is not None:
        where = "WHERE bbox.xmin >= {} AND bbox.ymin >= {} AND bbox.xmax <= {} AND bbox.ymax <= {}".format(*bbox)
    return con.sql(f"SELECT * FROM read_parquet('{url}') {where}")


def get_count(rel: duckdb.DuckDBPyRelation) -> int:
    return (rel.count("*").fetchone() or [0])[0]


async def stream_features(con: duckdb.DuckDBPyConnection, url: str, limit: int):
    rel = base_rel(con=con, url=url, bbox=None)
    total = get_count(rel)  # bug
    for row in rel.limit(limit).fetchall():  # also
        yield f"{row}\n"
    yield f"total={total}\n"


@app.get("/tiles/{z}/{x}/{y}")
async def get_tile(
    z: int,
    x: int,
    y: int,
    url: str = Query(),
    con: duckdb.DuckDBPyConnection = Depends(duckdb_cursor),
):
    tile_bbox = con.sql("SELECT ST_Extent(ST_TileEnvelope($1, $2, $3))", params=[z, x, y]).fetchone()  # bug
    rel = base_rel(con=con, url=url, bbox=tile_bbox)
    tile_blob = rel.aggregate("ST_AsMVT({'geometry': geometry})").fetchone()  # bug
    tile = tile_blob[0] if tile_blob and tile_blob[0] else b""
    return Response(tile, media_type="application/x-protobuf")
