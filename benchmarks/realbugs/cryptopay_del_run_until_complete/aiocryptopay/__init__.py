from .api import AioCryptoPay  # noqa: F401
