"""High-level client of the Bitrix24 REST API (reproduction, see bitrix.py)."""
from fast_bitrix24.bitrix import Bitrix, BitrixAsync  # noqa: F401
