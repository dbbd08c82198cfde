"""Robonomics integration (reproduction, see config_flow.py)."""
