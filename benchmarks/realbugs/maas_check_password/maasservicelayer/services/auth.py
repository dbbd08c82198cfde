"""Login service of the API server.

Reproduction of the shape fixed in https://github.com/canonical/maas/pull/659: the async login
checked the password through a method of the user model (another module) that runs PBKDF2 (many
thousand iterations: pure CPU) on the event loop; the user comes from an awaited service call.
"""

from maasservicelayer.services.users import UsersService


class UnauthorizedException(Exception):
    pass


class AuthService:
    def __init__(self, users_service: UsersService) -> None:
        self.users_service = users_service

    async def login(self, username: str, password: str) -> str:
        user = await self.users_service.get_one(username=username)
        if not user or not user.is_active or not user.check_password(password):  # bug
            raise UnauthorizedException("The credentials are not matching or the user does not exist")
        return await self._issue_token(user.username)

    async def _issue_token(self, username: str) -> str:
        raise NotImplementedError
