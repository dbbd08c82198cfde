"""Errors of the generated database client (reproduction, see _async_http.py)."""


class HTTPClientClosedError(Exception):
    pass
