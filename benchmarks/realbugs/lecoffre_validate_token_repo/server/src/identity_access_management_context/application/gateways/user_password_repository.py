from typing import Protocol
from uuid import UUID


class UserPasswordRepository(Protocol):
    def save(self, user_password) -> None:
        """Save a user password entry"""
        ...

    def get_by_id(self, id: UUID):
        """Get user password by ID"""
        ...
