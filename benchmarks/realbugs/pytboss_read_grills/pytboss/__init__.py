"""Client library for PitBoss grills over Bluetooth LE (reproduction, see grills.py)."""
from .api import PitBoss  # noqa: F401
