"""Tuya local protocol package (reproduction, see ../coordinator.py)."""
