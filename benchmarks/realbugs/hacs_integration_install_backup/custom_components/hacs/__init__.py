"""HACS (reproduction, see helpers/methods/installation.py)."""
