"""Midea Smart AC integration."""
