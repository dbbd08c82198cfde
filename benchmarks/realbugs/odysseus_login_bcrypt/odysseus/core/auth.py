import json

import bcrypt


def _verify_password(password: str, hashed: str) -> bool:
    return bcrypt.checkpw(password.encode("utf-8"), hashed.encode("utf-8"))


class AuthManager:
    def __init__(self, users: dict[str, str]) -> None:
        self._users = users

    def verify_password(self, username: str, password: str) -> bool:
        hashed = self._users.get(username)
        return hashed is not None and _verify_password(password, hashed)

    def create_session(self, username: str) -> str:
        return json.dumps({"user": username})
