"""Info-hash helpers of a Telegram leech bot (reproduction, see QBittorrentWrap.py)."""
import re


def get_hash_magnet(mgt: str) -> str:
    match = re.search(r"xt=urn:btih:([0-9a-zA-Z]+)", mgt)
    return match.group(1).lower() if match else ""
