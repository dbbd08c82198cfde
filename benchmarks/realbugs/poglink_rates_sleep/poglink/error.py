"""Errors of the rates watcher (reproduction, see cogs/rates.py)."""


class RatesFetchError(Exception):
    pass


class RatesProcessError(Exception):
    pass


class RatesWriteError(Exception):
    pass
