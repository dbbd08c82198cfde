"""Portage (reproduction, see _selinux.py)."""
