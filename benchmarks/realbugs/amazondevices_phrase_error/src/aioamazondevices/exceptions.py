"""Exceptions of an Amazon Alexa API client (reproduction, see api.py)."""


class AmazonError(Exception):
    pass


class CannotConnect(AmazonError):
    pass


class CannotAuthenticate(AmazonError):
    pass


class CannotRetrieveData(AmazonError):
    pass


class CannotRegisterDevice(AmazonError):
    pass
