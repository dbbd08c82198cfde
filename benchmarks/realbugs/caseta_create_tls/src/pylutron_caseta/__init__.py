"""Lutron Caseta bridge client (reproduction, see smartbridge.py)."""


class BridgeDisconnectedError(Exception):
    pass
