"""Alexa Media Player integration (stand-in package init)."""
from .const import ALEXA_DOMAIN, DATA_ALEXAMEDIA

__all__ = ["ALEXA_DOMAIN", "DATA_ALEXAMEDIA"]
