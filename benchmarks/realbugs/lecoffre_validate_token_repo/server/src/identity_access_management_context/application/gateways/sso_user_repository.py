from typing import Protocol
from uuid import UUID


class SsoUserRepository(Protocol):
    def get_by_user_id(self, user_id: UUID): ...
