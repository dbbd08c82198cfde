"""Midea AC LAN integration (reproduction, see config_flow.py)."""
