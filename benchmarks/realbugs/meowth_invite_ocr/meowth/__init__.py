"""Pokemon Go raid coordination Discord bot (reproduction, see __main__.py)."""
