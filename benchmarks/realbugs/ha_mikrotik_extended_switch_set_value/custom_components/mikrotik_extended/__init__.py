"""MikroTik Extended integration (reproduction, see switch.py)."""
