from ._async.client import AsyncClient, create_client as acreate_client

__all__ = ["AsyncClient", "acreate_client"]
