"""Matrix-Telegram bridge (reproduction, see matrix.py)."""
