from collections.abc import Generator

from fastapi import Depends
from fastapi.security.api_key import APIKeyCookie
from sqlmodel import Session
from starlette.requests import Request

from identity_access_management_context.adapters.secondary.sql import (
    SqlSsoUserRepository,
    SqlUserPasswordRepository,
)
from identity_access_management_context.application.gateways import TokenGateway
from identity_access_management_context.application.use_cases import ValidateUserTokenUseCase

cookie_scheme = APIKeyCookie(name="access_token", scheme_name="CookieAuth", auto_error=False)


def get_session(request: Request) -> Generator[Session, None, None]:
    with request.app.state.session_maker() as session:
        yield session


def get_validate_token_usecase(
    request: Request,
    session: Session = Depends(get_session),
) -> ValidateUserTokenUseCase:
    user_password_repository = SqlUserPasswordRepository(session)
    token_gateway: TokenGateway = request.app.state.token_gateway
    sso_user_repository = SqlSsoUserRepository(session)
    return ValidateUserTokenUseCase(user_password_repository, token_gateway, sso_user_repository)


async def get_current_user(
    access_token: str | None = Depends(cookie_scheme),
    validate_usecase: ValidateUserTokenUseCase = Depends(get_validate_token_usecase),
) -> tuple[str, str]:
    return await validate_usecase.execute(access_token or "")
