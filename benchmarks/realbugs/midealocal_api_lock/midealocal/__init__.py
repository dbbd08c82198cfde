"""Midea local control library."""
