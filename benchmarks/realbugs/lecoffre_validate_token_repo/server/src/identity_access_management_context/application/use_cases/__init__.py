from .validate_user_token_use_case import ValidateUserTokenUseCase

__all__ = ["ValidateUserTokenUseCase"]
