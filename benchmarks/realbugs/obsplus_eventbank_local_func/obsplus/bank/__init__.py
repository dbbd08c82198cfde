"""Banks (reproduction, see eventbank.py)."""
