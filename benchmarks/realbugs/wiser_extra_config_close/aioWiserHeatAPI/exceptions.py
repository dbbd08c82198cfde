"""Exceptions of the Wiser heating API library (reproduction, see helpers/extra_config.py)."""


class WiserExtraConfigError(Exception):
    pass
