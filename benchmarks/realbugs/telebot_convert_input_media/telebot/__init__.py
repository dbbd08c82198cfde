"""Telegram bot API package (reproduction, see asyncio_helper.py)."""
