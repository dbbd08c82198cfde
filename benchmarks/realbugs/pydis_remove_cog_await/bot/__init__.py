"""Community Discord bot (reproduction, see exts/filters/antispam.py)."""
