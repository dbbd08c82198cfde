"""Objects the resolver types by a library's API, not by the user's code.

A `pathlib` path stays a path through its methods, DuckDB's and SQLAlchemy's fluent calls return
the same kind of object again, and a parameter annotated ``Path`` or ``sqlite3.Connection`` is
taken at its word. These are tables of other libraries' APIs (`fluent` reads them), kept apart
from the resolver's scoping rules so that a new fluent API is a new row here, not a change there.
"""

from __future__ import annotations

#: A `pathlib` path stays a path through these (pathlib's API, not the user's): its ``parent``,
#: ``/``, and the methods that return another path. So ``(folder / "a.txt").read_text()`` and
#: ``path.with_suffix(".bak").write_bytes(b)`` resolve to ``pathlib.Path().read_text`` and
#: ``pathlib.Path().write_bytes``, the names the blocking table lists.
PATH = "pathlib.Path()"
PATH_CLASSES = frozenset({"pathlib.Path", "pathlib.PosixPath", "pathlib.WindowsPath"})
_PATH_FACTORIES = frozenset({"pathlib.Path.cwd", "pathlib.Path.home"})
PATH_ATTRIBUTES = frozenset({"parent"})
_PATH_METHODS = frozenset(
    {"joinpath", "with_suffix", "with_name", "with_stem", "resolve", "absolute",
     "expanduser", "relative_to", "with_segments", "readlink"}
)  # fmt: skip
#: Parameter annotations taken at their word (``folder: Path``, ``context: ssl.SSLContext``):
#: the argument is such an object, when the name resolves to one of `ANNOTATED`.
#: Also the clients and handles whose methods the blocking table or the library coroutines
#: list (``conn: sqlite3.Connection``, ``redis: Redis``, a2a's ``event_queue: EventQueue``).
ANNOTATION_WORDS = frozenset({
    "Path", "PosixPath", "WindowsPath", "SSLContext", "Session", "Connection", "Cursor", "Redis",
    "StrictRedis", "DuckDBPyConnection", "DockerClient", "EventQueue", "TaskUpdater",
    "ClientSession", "DuckDBPyRelation", "FastMCP", "Pipeline",
})  # fmt: skip
ANNOTATED = PATH_CLASSES | {
    "ssl.SSLContext", "sqlalchemy.orm.Session", "sqlalchemy.orm.session.Session", "requests.Session",
    "sqlmodel.Session",
    "sqlite3.Connection", "sqlite3.Cursor", "redis.Redis", "redis.StrictRedis", "redis.client.Redis",
    "duckdb.DuckDBPyConnection", "docker.DockerClient", "a2a.server.events.EventQueue",
    "a2a.server.events.event_queue.EventQueue", "a2a.server.tasks.TaskUpdater",
    "aiohttp.ClientSession", "mcp.ClientSession", "duckdb.DuckDBPyRelation",
    # a server whose plain tools run on its loop (`checks.loop_tools`: `register(mcp: FastMCP)`)
    "fastmcp.FastMCP", "fastmcp.server.FastMCP", "fastmcp.server.server.FastMCP",
    "mcp.server.fastmcp.FastMCP", "mcp.server.fastmcp.server.FastMCP",
    # a haystack pipeline handed in: its `run` runs every component (blocking.yaml)
    "haystack.Pipeline", "haystack.core.pipeline.Pipeline",
}  # fmt: skip
#: DuckDB's API is fluent: a connection (``duckdb.connect()``, a ``cursor()`` of one, or one
#: handed in typed ``duckdb.DuckDBPyConnection``) builds lazy relations (``con.sql(...)``,
#: ``rel.filter(...).limit(...)``) and only their fetch/execute methods run the query. So every
#: such step resolves to one of two names, and the blocking table lists the running methods of
#: each once (``duckdb.DuckDBPyRelation().fetchone``) instead of every chain.
DUCK_CONNECTION = "duckdb.DuckDBPyConnection()"
DUCK_RELATION = "duckdb.DuckDBPyRelation()"
_DUCK_CONNECTIONS = frozenset({"duckdb.connect", "duckdb.DuckDBPyConnection().cursor",
                               "duckdb.DuckDBPyConnection().duplicate"})  # fmt: skip
_DUCK_RELATION_METHODS = frozenset(
    {"sql", "query", "table", "view", "values", "from_query", "read_parquet", "from_parquet",
     "read_csv", "from_csv_auto", "read_json", "from_df", "from_arrow", "filter", "project",
     "select", "aggregate", "count", "limit", "order", "sort", "distinct", "join", "union",
     "except_", "intersect", "set_alias", "alias", "unique", "min", "max", "sum", "avg", "mean"}
)  # fmt: skip

#: SQLAlchemy's legacy `Query` is fluent the same way: ``db.query(User)`` on a synchronous
#: `Session` builds it, ``.filter(...).order_by(...)`` return it again, and only its running
#: methods (``first``, ``all``, ``one``, ...; listed once in the blocking table under
#: ``sqlalchemy.orm.Query()``) send SQL (open-wearables#571: a repository's
#: ``db.query(...).filter(...).filter(...).first()`` on a FastAPI dependency's session).
ORM_QUERY = "sqlalchemy.orm.Query()"
_ORM_SESSIONS = frozenset({"sqlalchemy.orm.Session()", "sqlalchemy.orm.session.Session()"})
_ORM_QUERY_METHODS = frozenset(
    {"filter", "filter_by", "where", "order_by", "group_by", "having", "join", "outerjoin",
     "options", "limit", "offset", "distinct", "select_from", "with_entities", "yield_per",
     "execution_options", "params", "correlate", "with_for_update", "populate_existing"}
)  # fmt: skip

#: Pillow's image methods that return a new image of the same pixels (``img.crop(box)``,
#: ``img.convert("RGB")``): an image the code decoded (``Image.open``) or built from a raw
#: buffer (``Image.frombytes``, a screen grab) stays one through them, so the blocking table's
#: decode, resampling and encode entries (``PIL.Image.open().resize``) hold after
#: ``img.crop(...).convert(...)`` and ``img = img.convert(...)`` too (bantz#421's helpers). A
#: canvas the code draws itself (``Image.new``) is not typed: its pixels cost no decode.
_IMAGE_METHODS = frozenset(
    {"convert", "crop", "copy", "transpose", "rotate", "resize", "filter", "reduce",
     "quantize", "point", "remap_palette", "transform"}
)  # fmt: skip
IMAGE_KINDS = ("PIL.Image.open()", "PIL.Image.frombytes()")
_SCREEN_GRABS = frozenset({"PIL.ImageGrab.grab"})

#: The fluent APIs above in one table, read by `fluent`: (the object a call returns, the calls
#: that make it, the objects whose methods return it, those methods). A path's methods return
#: a path, a DuckDB connection's and relation's return a relation, a `Query`'s a `Query`.
_FLUENT: tuple[tuple[str, frozenset[str], frozenset[str], frozenset[str]], ...] = (
    (PATH, PATH_CLASSES | _PATH_FACTORIES, frozenset({PATH}), _PATH_METHODS),
    (DUCK_CONNECTION, _DUCK_CONNECTIONS, frozenset(), frozenset()),
    (
        DUCK_RELATION,
        frozenset(),
        frozenset({"duckdb", DUCK_CONNECTION, DUCK_RELATION}),
        _DUCK_RELATION_METHODS,
    ),
    (
        ORM_QUERY,
        frozenset(f"{session}.query" for session in _ORM_SESSIONS),
        frozenset({ORM_QUERY}),
        _ORM_QUERY_METHODS,
    ),
    (IMAGE_KINDS[0], frozenset(), frozenset({IMAGE_KINDS[0]}), _IMAGE_METHODS),
    (IMAGE_KINDS[1], _SCREEN_GRABS, frozenset({IMAGE_KINDS[1]}), _IMAGE_METHODS),
)


def fluent(called: str) -> str | None:
    """The object a call of a fluent API returns (`_FLUENT`), or None."""
    owner, _, method = called.rpartition(".")
    for result, makers, owners, methods in _FLUENT:
        if called in makers or (owner in owners and method in methods):
            return result
    return None
