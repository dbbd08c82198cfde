import secrets

import bcrypt


class AuthManager:
    def __init__(self):
        self._users: dict[str, bytes] = {}
        self._sessions: dict[str, str] = {}

    def verify_password(self, username: str, password: str) -> bool:
        stored = self._users.get(username)
        if stored is None:
            return False
        return bcrypt.checkpw(password.encode(), stored)

    def create_session(self, username: str, password: str) -> str | None:
        if not self.verify_password(username, password):
            return None
        token = secrets.token_urlsafe(32)
        self._sessions[token] = username
        return token


auth_manager = AuthManager()
