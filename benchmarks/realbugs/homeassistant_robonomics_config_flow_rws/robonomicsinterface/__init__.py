"""Stand-in for the robonomics-interface package (reproduction, see custom_components/robonomics/config_flow.py)."""
from .account import Account
from .rws import RWS

__all__ = ["Account", "RWS"]
