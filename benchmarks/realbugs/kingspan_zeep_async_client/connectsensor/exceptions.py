"""Errors of the sensor client library (reproduction, see client.py)."""


class APIError(Exception):
    pass
