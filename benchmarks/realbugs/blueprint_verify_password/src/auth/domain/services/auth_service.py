from __future__ import annotations

from src._core.common.security import verify_password


class InvalidCredentialsException(Exception):
    pass


class AuthService:
    def __init__(self, user_repository, token_codec) -> None:
        self.user_repository = user_repository
        self.token_codec = token_codec

    async def verify_credentials(self, username: str, password: str):
        user = await self.user_repository.select_by_username(username)
        if user is None or not verify_password(password, user.password):  # bug
            raise InvalidCredentialsException()
        return user

    async def issue_token_pair(self, user) -> tuple[str, str]:
        return self.token_codec.access(user.id), self.token_codec.refresh(user.id)
