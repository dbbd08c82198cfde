"""Powercalc (reproduction, see power_profile/loader/remote.py)."""
