"""Nautobot ChatOps (reproduction, see sockets/slack.py)."""
