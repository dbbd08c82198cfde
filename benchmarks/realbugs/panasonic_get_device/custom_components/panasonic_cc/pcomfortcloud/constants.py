"""Enums of a Panasonic Comfort Cloud client (reproduction, see apiclient.py)."""
from enum import Enum


class AirSwingUD(Enum):
    Auto = -1
    Up = 0
    Mid = 2
    Down = 1


class AirSwingLR(Enum):
    Auto = -1
    Left = 0
    Mid = 2
    Right = 1


class AirSwingAutoMode(Enum):
    Disabled = 1
    Both = 0
    AirSwingLR = 3
    AirSwingUD = 2


class Power(Enum):
    Off = 0
    On = 1
