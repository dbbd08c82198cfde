from .sso_user_repository import SsoUserRepository
from .token_gateway import TokenGateway
from .user_password_repository import UserPasswordRepository

__all__ = ["SsoUserRepository", "TokenGateway", "UserPasswordRepository"]
