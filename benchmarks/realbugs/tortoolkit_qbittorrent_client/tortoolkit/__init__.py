"""Telegram leech bot package (reproduction, see functions/QBittorrentWrap.py)."""
