"""Signing of the Midea cloud requests."""
import hashlib
import hmac


class CloudSecurity:
    """Cloud security."""

    def __init__(self, login_key: str, iot_key: str | None = None, hmac_key: str | None = None) -> None:
        self._login_key = login_key
        self._iot_key = iot_key
        self._hmac_key = hmac_key

    @staticmethod
    def get_deviceid(username: str) -> str:
        return hashlib.sha256(f"Hello, {username}!".encode("ascii")).digest().hex()[:16]

    def sign(self, url: str, data: str, random: str) -> str:
        msg = (self._iot_key or "") + data + random
        return hmac.new((self._hmac_key or "").encode("ascii"), msg.encode("ascii"), hashlib.sha256).hexdigest()
