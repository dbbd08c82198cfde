"""User model of the service layer."""

from django.contrib.auth.hashers import PBKDF2PasswordHasher
from pydantic import BaseModel


class User(BaseModel):
    id: int
    username: str
    password: str
    is_active: bool

    def check_password(self, password) -> bool:
        return PBKDF2PasswordHasher().verify(password, self.password)
