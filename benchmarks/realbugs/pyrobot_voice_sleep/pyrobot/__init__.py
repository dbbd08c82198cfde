"""Telegram userbot package (reproduction, see plugins/voice.py)."""
__version__ = "0.0.1"
