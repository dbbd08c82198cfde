"""Errors of the PitBoss client (reproduction, see grills.py)."""


class InvalidGrill(Exception):
    """Unknown grill model."""
