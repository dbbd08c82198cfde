"""Errors of a Crypto Pay API client (reproduction, see base.py)."""


class CryptoPayAPIError(Exception):
    def __init__(self, code: int, name: str) -> None:
        super().__init__(f"[{code}] {name}")
        self.code = code
        self.name = name
