"""Stand-in for the yoto_api package (reproduction, see custom_components/yoto/coordinator.py)."""
from .YotoManager import YotoManager, YotoPlayerConfig

__all__ = ["YotoManager", "YotoPlayerConfig"]
