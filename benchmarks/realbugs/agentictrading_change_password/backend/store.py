from dataclasses import dataclass

from .security import hash_password


@dataclass
class User:
    id: int
    email: str
    password_hash: str


class UserStore:
    def __init__(self):
        self._users: dict[str, User] = {}

    def get_user(self, email):
        return self._users.get(email)

    def update_password(self, user_id, new_password):
        for user in self._users.values():
            if user.id == user_id:
                user.password_hash = hash_password(new_password)


_store = UserStore()


def get_store() -> UserStore:
    return _store
