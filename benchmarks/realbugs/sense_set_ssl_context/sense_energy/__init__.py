"""Client of the Sense energy monitor API (reproduction, see asyncsenseable.py)."""
from .sense_api import SenseableBase
from .asyncsenseable import ASyncSenseable

__all__ = ["SenseableBase", "ASyncSenseable"]
