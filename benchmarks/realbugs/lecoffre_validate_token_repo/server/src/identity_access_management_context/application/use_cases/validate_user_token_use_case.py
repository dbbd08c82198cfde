"""le-coffre: validates a user's token, then looks the user up in the password or SSO repository.

Reproduction of the shape fixed in https://github.com/soma-smart/le-coffre/pull/254 ("fix: Blocking
event loop"): the async execute of the use case called get_by_id / get_by_user_id on repositories
typed by Protocols (application/gateways); the implementations wired in (adapters/secondary/sql)
run synchronous SQLModel session queries, which blocked uvicorn's loop and starved the health
probes. The fix ran both lookups in asyncio.to_thread.
"""
from identity_access_management_context.application.gateways import (
    SsoUserRepository,
    TokenGateway,
    UserPasswordRepository,
)


class UserNotFoundException(Exception):
    pass


class ValidateUserTokenUseCase:
    def __init__(
        self,
        user_password_repository: UserPasswordRepository,
        token_gateway: TokenGateway,
        sso_user_repository: SsoUserRepository,
    ):
        self._user_password_repository = user_password_repository
        self._token_gateway = token_gateway
        self._sso_user_repository = sso_user_repository

    async def execute(self, jwt_token: str) -> tuple[str, str]:
        token_obj = await self._token_gateway.validate_token(jwt_token)
        user_password = self._user_password_repository.get_by_id(token_obj.user_id)  # bug
        if user_password:
            return user_password.email, user_password.display_name
        sso_user = self._sso_user_repository.get_by_user_id(token_obj.user_id)  # bug
        if not sso_user:
            raise UserNotFoundException("User not found")
        return sso_user.email, sso_user.display_name
