from .sql_sso_user_repository import SqlSsoUserRepository
from .sql_user_password_repository import SqlUserPasswordRepository

__all__ = ["SqlSsoUserRepository", "SqlUserPasswordRepository"]
